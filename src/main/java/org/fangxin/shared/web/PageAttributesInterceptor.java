package org.fangxin.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

/**
 * Fills every {@link PageAttributes} bean's attributes into a page's model after its handler ran, when the handler
 * answered with a view to render (not a redirect); API answers (written by message converters) have no view and pay
 * nothing. An attribute the handler put in the model itself is left as it is.
 */
final class PageAttributesInterceptor implements HandlerInterceptor {

    private final List<PageAttributes> contributors;

    PageAttributesInterceptor(List<PageAttributes> contributors) {
        this.contributors = List.copyOf(contributors);
    }

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView page) {
        if (page == null || contributors.isEmpty() || isRedirect(page)) {
            return;
        }
        java.util.Map<String, Object> added = new java.util.HashMap<>();
        for (PageAttributes contributor : contributors) {
            contributor.addTo(request, added);
        }
        added.forEach((name, value) -> page.getModelMap().putIfAbsent(name, value));
    }

    private static boolean isRedirect(ModelAndView page) {
        String name = page.getViewName();
        return name != null && name.startsWith("redirect:");
    }
}
