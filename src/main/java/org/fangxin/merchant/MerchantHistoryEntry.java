package org.fangxin.merchant;

import java.time.Instant;

/**
 * One line of a merchant's status history: a transition ({@code from} is null for the application itself) or a
 * change of compliance flags ({@code from == to}, the flags named in {@code reason}).
 */
public record MerchantHistoryEntry(String event, MerchantStatus from, MerchantStatus to, String reason,
                                   String actor, Instant at) { }
