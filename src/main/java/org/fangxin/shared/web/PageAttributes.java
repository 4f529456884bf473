package org.fangxin.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;

/**
 * Model attributes every rendered page gets (the layout's chrome, the demo clock's banner). Beans of this type are
 * asked only when a handler answers with a view, never for API answers: an {@code @ControllerAdvice}'s
 * {@code @ModelAttribute} methods ran for every {@code @RestController} call too (issue 15: the redemption's hot path).
 */
public interface PageAttributes {

    /** Adds this bean's attributes to the page's model. */
    void addTo(HttpServletRequest request, Map<String, Object> model);
}
