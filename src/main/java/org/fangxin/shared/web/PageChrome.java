package org.fangxin.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the layout needs on every page: whether to show the consumer's bottom tab bar (首页 / 我的卡 / 消息 / 我的) —
 * to visitors and consumers — and which tab is current.
 */
@ControllerAdvice(annotations = Controller.class)
class PageChrome {

    /** The layout's view of the request. */
    public record Chrome(boolean tabs, String tab) { }

    @ModelAttribute("fxChrome")
    Chrome chrome(HttpServletRequest request) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        boolean visitor = auth == null || auth instanceof AnonymousAuthenticationToken || !auth.isAuthenticated();
        boolean consumer = !visitor && auth.getAuthorities().stream().anyMatch(a -> "ROLE_CONSUMER".equals(a.getAuthority()));
        return new Chrome(visitor || consumer, tab(request.getRequestURI()));
    }

    static String tab(String path) {
        if (path.equals("/") || path.startsWith("/public/products")) {
            return "home";
        }
        if (path.startsWith("/cards")) {
            return "cards";
        }
        if (path.startsWith("/notifications")) {
            return "messages";
        }
        return path.equals("/home") ? "me" : "";
    }
}
