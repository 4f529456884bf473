package org.fangxin.identity.web;

import java.util.Optional;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.shared.Rejection;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** Form login against {@link Users} (which also throttles guessing); the session then carries a {@link FangxinPrincipal}. */
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
        Optional<UserAccount> account;
        try {
            account = users.authenticate(username, password);
        } catch (Rejection locked) {
            throw new LockedException(locked.getMessage());
        }
        return account
                .map(found -> new FangxinPrincipal(found, null))
                .map(principal -> UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()))
                .orElseThrow(() -> new BadCredentialsException("wrong username or password"));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
