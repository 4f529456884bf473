package org.fangxin.identity.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.fangxin.identity.ApiKeys;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.shared.ProblemTexts;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates system calls that carry {@code Authorization: ApiKey <key>} or {@code X-Api-Key: <key>} as the key's
 * system user (bank, insurer, data provider, regulator); an unknown or revoked key is simply anonymous. A regulator's
 * key is for a supervision platform that pulls data, so it only reads: any other method is 403
 * {@code api-key-read-only}, whatever the regulator user itself may do on the pages. Built in SecurityConfiguration,
 * not a {@code @Component}, so it is not also registered as a servlet filter.
 */
class ApiKeyFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Api-Key";
    private static final String SCHEME = "ApiKey ";

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final ApiKeys keys;
    private final ProblemTexts texts;

    ApiKeyFilter(ApiKeys keys, ProblemTexts texts) {
        this.keys = keys;
        this.texts = texts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        boolean authenticated = current != null && current.isAuthenticated() && !(current instanceof AnonymousAuthenticationToken);
        String key = keyOf(request);
        if (!authenticated && key != null) {
            Optional<UserAccount> account = keys.resolve(key);
            if (account.isPresent() && account.get().role() == Role.REGULATOR && !READS.contains(request.getMethod())) {
                ProblemResponses.write(texts, request, response, HttpServletResponse.SC_FORBIDDEN, "api-key-read-only");
                return;
            }
            account.ifPresent(owner -> {
                FangxinPrincipal principal = new FangxinPrincipal(owner, null);
                SecurityContextHolder.getContext().setAuthentication(
                        UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));
            });
        }
        chain.doFilter(request, response);
    }

    private static String keyOf(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return header.substring(SCHEME.length()).trim();
        }
        String direct = request.getHeader(HEADER);
        return direct == null ? null : direct.trim();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }
}
