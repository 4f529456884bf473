package org.fangxin.identity.web;

import java.util.List;
import org.fangxin.identity.Actor;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Lets controllers declare an {@link Actor} parameter for the authenticated caller. */
@Configuration(proxyBeanMethods = false)
class ActorArgumentResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    static {
        // the caller comes from the token, not from the request: keep it out of the OpenAPI parameters
        org.springdoc.core.utils.SpringDocUtils.getConfig().addRequestWrapperToIgnore(Actor.class);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(Actor.class);
    }

    @Override
    public Actor resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                 WebDataBinderFactory binderFactory) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof FangxinPrincipal principal) {
            return principal.actor();
        }
        if (parameter.isOptional()) {
            return null;
        }
        throw new AuthenticationCredentialsNotFoundException("log in first");
    }
}
