package org.fangxin.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Handler lookup for paths with ids. Spring MVC finds a literal path in a map, but a path with a variable
 * ({@code /api/v1/cards/{id}/redemption-codes}) is matched against every mapping of the application, hundreds of
 * them: 16% of the request threads' CPU in the redemption steps of the session 7 profile (docs/performance.md). This
 * mapping remembers, per method and <em>shape</em> of the path (each UUID segment replaced by {@code {}}), the mapping
 * the full lookup chose, and next time checks only that one (all its conditions, as the full lookup does); if it does
 * not match, the full lookup runs. Two paths of one shape differ only in their UUIDs, which no mapping spells out, so
 * the full lookup would choose the same mapping. Only mappings without params, headers, consumes or produces
 * conditions are remembered (those could tell two requests of one shape apart), CORS pre-flights always take the full
 * lookup, and at most {@value #SHAPES_MAX} shapes are kept.
 */
@Configuration(proxyBeanMethods = false)
class RouteShapes {

    static final int SHAPES_MAX = 2_000;
    private static final String CHOSEN = RouteShapes.class.getName() + ".chosen";

    @Bean
    WebMvcRegistrations routeShapeRegistrations() {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new ShapeRememberingMapping();
            }
        };
    }

    /** The shape of {@code path} for {@code method}, or null when it has no UUID segment (a literal path, looked up fast). */
    static String shapeOf(String method, String path) {
        StringBuilder shape = null;
        int start = 0;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            end = end < 0 ? path.length() : end;
            if (isUuid(path, start, end)) {
                if (shape == null) {
                    shape = new StringBuilder(method.length() + path.length()).append(method).append(' ').append(path, 0, start);
                }
                shape.append("{}");
            } else if (shape != null) {
                shape.append(path, start, end);
            }
            if (end < path.length() && shape != null) {
                shape.append('/');
            }
            start = end + 1;
        }
        return shape == null ? null : shape.toString();
    }

    private static boolean isUuid(String path, int start, int end) {
        if (end - start != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = path.charAt(start + i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            boolean hex = c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            if (dash ? c != '-' : !hex) {
                return false;
            }
        }
        return true;
    }

    static final class ShapeRememberingMapping extends RequestMappingHandlerMapping {

        private record Route(RequestMappingInfo mapping, HandlerMethod handler) { }

        private final Map<String, Route> byShape = new ConcurrentHashMap<>();

        @Override
        protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
            String shape = CorsUtils.isPreFlightRequest(request) ? null : shapeOf(request.getMethod(), lookupPath);
            if (shape == null) {
                return super.lookupHandlerMethod(lookupPath, request);
            }
            Route known = byShape.get(shape);
            RequestMappingInfo match = known == null ? null : getMatchingMapping(known.mapping(), request);
            if (match != null) {
                request.setAttribute(BEST_MATCHING_HANDLER_ATTRIBUTE, known.handler());
                handleMatch(match, lookupPath, request);
                return known.handler();
            }
            request.removeAttribute(CHOSEN);
            HandlerMethod handler = super.lookupHandlerMethod(lookupPath, request);
            if (handler != null && request.getAttribute(CHOSEN) instanceof RequestMappingInfo chosen && conditionFree(chosen)
                    && byShape.size() < SHAPES_MAX) {
                byShape.putIfAbsent(shape, new Route(chosen, handler));
            }
            return handler;
        }

        /** A mapping registered or removed at run time may change what the full lookup chooses: forget every shape. */
        @Override
        public void registerMapping(RequestMappingInfo mapping, Object handler, Method method) {
            super.registerMapping(mapping, handler, method);
            byShape.clear();
        }

        @Override
        public void unregisterMapping(RequestMappingInfo mapping) {
            super.unregisterMapping(mapping);
            byShape.clear();
        }

        @Override
        protected void handleMatch(RequestMappingInfo info, String lookupPath, HttpServletRequest request) {
            request.setAttribute(CHOSEN, info);
            super.handleMatch(info, lookupPath, request);
        }

        private static boolean conditionFree(RequestMappingInfo info) {
            return info.getParamsCondition().isEmpty() && info.getHeadersCondition().isEmpty()
                    && info.getConsumesCondition().isEmpty() && info.getProducesCondition().isEmpty()
                    && info.getCustomCondition() == null;
        }
    }
}
