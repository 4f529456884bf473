package org.fangxin.identity.web;

import org.fangxin.identity.Users;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** Form login against {@link Users}; the session then carries a {@link FangxinPrincipal}. */
@Component
class PasswordAuthenticationProvider implements AuthenticationProvider {

    private final Users users;

    PasswordAuthenticationProvider(Users users) {
        this.users = users;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        String password = authentication.getCredentials() == null ? null : authentication.getCredentials().toString();
        return users.authenticate(username, password)
                .map(account -> new FangxinPrincipal(account, null))
                .map(principal -> UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()))
                .orElseThrow(() -> new BadCredentialsException("wrong username or password"));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
