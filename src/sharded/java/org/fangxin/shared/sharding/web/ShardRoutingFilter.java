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
import java.util.function.Supplier;
import org.fangxin.shared.sharding.ShardRouting;
import org.springframework.http.MediaType;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Routes an HTTP request to its merchant's shard (ADR 12 §7, second slice): runs after Spring Security, so the
 * caller is known, resolves the merchant with {@link RequestMerchant} and runs the rest of the request (controller,
 * facade, its transaction) inside {@link ShardRouting#onMerchant}. A request that names no merchant runs on the
 * directory shard: a read on its own connection (ShardingSphere's parser refuses several of our queries, ADR 12 §8a),
 * a write through ShardingSphere, so that a change of a broadcast reference table reaches every shard. A JSON body of a mutating request (up to 256 KiB, with a length) is
 * read once here and replayed.
 */
public class ShardRoutingFilter extends OncePerRequestFilter {

    static final int BODY_MAX = 256 * 1024;
    private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> READING = Set.of("GET", "HEAD");
    private static final String DIRECTORY = "ds_0";

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
        if (merchant.isEmpty() && (READING.contains(request.getMethod()) || isForm(request))) {
            merchant = RequestMerchant.inParameters(request::getParameter); // a page's query or form (ADR 12 §8f)
        }
        if (merchant.isEmpty() && !READING.contains(request.getMethod())) {
            chain.doFilter(forward, response); // through ShardingSphere: a reference table's change reaches every shard
            return;
        }
        HttpServletRequest routed = forward;
        Supplier<Object> rest = () -> {
            try {
                chain.doFilter(routed, response);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (ServletException e) {
                throw new WrappedServletException(e);
            }
            return null;
        };
        try {
            if (merchant.isPresent()) {
                ShardRouting.onMerchant(merchant.get(), rest);
            } else {
                ShardRouting.onShard(DIRECTORY, rest); // reads: global and reference rows are all on ds_0
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (WrappedServletException e) {
            throw (ServletException) e.getCause();
        }
    }

    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
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
