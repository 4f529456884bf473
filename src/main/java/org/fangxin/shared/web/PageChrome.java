package org.fangxin.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * What the layout needs on every page: whether to show the consumer's bottom tab bar (首页 / 我的卡 / 消息 / 我的) —
 * to visitors and consumers — and which tab is current.
 */
@Component
class PageChrome implements PageAttributes {

    /** The layout's view of the request. */
    public record Chrome(boolean tabs, String tab) { }

    @Override
    public void addTo(HttpServletRequest request, Map<String, Object> model) {
        model.put("fxChrome", chrome(request));
    }

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
