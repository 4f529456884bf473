package org.fangxin.shared.sharding.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.fangxin.shared.sharding.ShardRouting;
import org.springframework.http.MediaType;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Routes an HTTP request to its merchant's shard (ADR 12 §7, second slice): runs after Spring Security, so the
 * caller is known, resolves the merchant with {@link RequestMerchant} and runs the rest of the request (controller,
 * facade, its transaction) inside {@link ShardRouting#onMerchant}. A request that names no merchant runs unrouted,
 * on the directory shard through ShardingSphere. A JSON body of a mutating request (up to 256 KiB, with a length) is
 * read once here and replayed.
 */
public class ShardRoutingFilter extends OncePerRequestFilter {

    static final int BODY_MAX = 256 * 1024;
    private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final CallersMerchant callers;

    public ShardRoutingFilter(CallersMerchant callers) {
        this.callers = callers;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpServletRequest forward = request;
        byte[] body = null;
        long length = request.getContentLengthLong();
        if (MUTATING.contains(request.getMethod()) && isJson(request) && length >= 0 && length <= BODY_MAX) {
            ReplayedBody replayed = ReplayedBody.of(request);
            forward = replayed;
            body = replayed.bytes();
        }
        Optional<UUID> merchant = RequestMerchant.of(callers.of(SecurityContextHolder.getContext().getAuthentication()),
                request.getRequestURI().substring(request.getContextPath().length()), body);
        if (merchant.isEmpty()) {
            chain.doFilter(forward, response);
            return;
        }
        HttpServletRequest routed = forward;
        try {
            ShardRouting.onMerchant(merchant.get(), () -> {
                try {
                    chain.doFilter(routed, response);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (ServletException e) {
                    throw new WrappedServletException(e);
                }
                return null;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (WrappedServletException e) {
            throw (ServletException) e.getCause();
        }
    }

    private static boolean isJson(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null) {
            return false;
        }
        try {
            MediaType media = MediaType.parseMediaType(type);
            return MediaType.APPLICATION_JSON.isCompatibleWith(media) || media.getSubtype().endsWith("+json");
        } catch (RuntimeException unparsable) {
            return false;
        }
    }

    private static final class WrappedServletException extends RuntimeException {
        WrappedServletException(ServletException cause) {
            super(cause);
        }
    }
}
