package org.fangxin.merchant;

import java.time.Instant;
import java.util.List;

/**
 * One line of a merchant's status history: a transition ({@code from} is null for the application itself) or a
 * change that keeps the status ({@code from == to}: compliance flags, business facts, the settlement account).
 * What changed is a message key and its arguments ({@code detailKey}, ADR 11; null on a plain transition); why is
 * the person's typed {@code reason} or, for a change the platform made from a data feed, {@code reasonKey} with its
 * arguments. Pages and the API render both in the reader's language.
 */
public record MerchantHistoryEntry(String event, MerchantStatus from, MerchantStatus to, String reason,
                                   String actor, Instant at, String detailKey, List<String> detailArgs,
                                   String reasonKey, List<String> reasonArgs) {

    public MerchantHistoryEntry {
        detailArgs = detailArgs == null ? List.of() : List.copyOf(detailArgs);
        reasonArgs = reasonArgs == null ? List.of() : List.copyOf(reasonArgs);
    }

    /** A generated text of a history line: a message key and its arguments (ADR 11). */
    public record Text(String key, List<String> args) {

        public Text {
            args = args == null ? List.of() : List.copyOf(args);
        }

        public static Text of(String key, String... args) {
            return new Text(key, List.of(args));
        }
    }
}
