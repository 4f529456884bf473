package org.fangxin.identity.web;

import java.util.Collection;
import java.util.List;
import org.fangxin.identity.Actor;
import org.fangxin.identity.UserAccount;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The security principal of a logged-in session or token: carries the {@link Actor}. */
record FangxinPrincipal(UserAccount account, String passwordHash) implements UserDetails {

    Actor actor() {
        return account.actor();
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(account.role().authority()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return account.username();
    }

    @Override
    public boolean isEnabled() {
        return account.enabled();
    }
}
