package org.fangxin.card;

import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * A card's value passed to the insurer that paid its holder ({@link Cards#subrogateToInsurer}): {@code subrogated} left
 * the card's liability and the merchant's escrow to the insurer; {@code clawed} of the card's advance was recovered from
 * the merchant's payable and deposit so that escrow could pay it, {@code unrecovered} is advance still owed by the
 * merchant; {@code remaining} is the value left on the card for its holder.
 */
public record Subrogation(UUID cardId, UUID claimId, Money subrogated, Money clawed, Money unrecovered, Money remaining) { }
