package org.fangxin.complaint.workflow;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.fangxin.card.CardView;
import org.fangxin.card.Cards;
import org.fangxin.card.RedemptionDisputes;
import org.fangxin.card.RedemptionView;
import org.fangxin.complaint.FileComplaint;
import org.fangxin.identity.Actor;
import org.fangxin.merchant.MerchantStatus;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Merchants;
import org.fangxin.refund.RefundView;
import org.fangxin.refund.Refunds;
import org.fangxin.shared.Money;
import org.fangxin.shared.Rejection;
import org.springframework.stereotype.Component;

/**
 * Checks a consumer's complaint before anything is written and finds what it is about: the card (only the holder's
 * own — another consumer's card, redemption or refund is "not found"), the redemption or refund on it, and the merchant.
 */
@Component
public class Intake {

    public static final int DESCRIPTION_LENGTH_MIN = 10;
    public static final int DESCRIPTION_LENGTH_MAX = 4000;
    public static final int ACTION_LENGTH_MAX = 500;
    /** Nobody prepays more than this; a larger amount is a typo. */
    public static final Money ASKED_MAX = Money.yuan(10_000_000);
    private static final Set<MerchantStatus> ACCEPTED = EnumSet.of(MerchantStatus.ACTIVE, MerchantStatus.SUSPENDED,
            MerchantStatus.CLOSING, MerchantStatus.CLOSED);

    private final Cards cards;
    private final RedemptionDisputes disputes;
    private final Refunds refunds;
    private final Merchants merchants;

    Intake(Cards cards, RedemptionDisputes disputes, Refunds refunds, Merchants merchants) {
        this.cards = cards;
        this.disputes = disputes;
        this.refunds = refunds;
        this.merchants = merchants;
    }

    /** What a complaint is about, as found. {@code refund} is set for a refund complaint only. */
    public record Subject(MerchantView merchant, CardView card, RedemptionView redemption, RefundView refund) { }

    public Subject resolve(Actor actor, FileComplaint c) {
        validate(c);
        return switch (c.subject()) {
            case CARD -> withCard(ownCard(actor, c.subjectId()), null, null);
            case REDEMPTION -> {
                RedemptionView redemption = disputes.findRedemption(c.subjectId())
                        .orElseThrow(() -> Rejection.notFound("redemption " + c.subjectId()));
                CardView card = cards.find(redemption.cardId()).filter(k -> k.holderUserId().equals(actor.userId()))
                        .orElseThrow(() -> Rejection.notFound("redemption " + c.subjectId()));
                yield withCard(card, redemption, null);
            }
            case REFUND -> {
                RefundView refund = refunds.view(actor, c.subjectId());
                yield withCard(cards.find(refund.cardId()).orElseThrow(), null, refund);
            }
            case MERCHANT -> {
                MerchantView merchant = merchants.find(c.subjectId()).filter(m -> ACCEPTED.contains(m.status()))
                        .orElseThrow(() -> Rejection.notFound("merchant " + c.subjectId()));
                CardView card = c.cardId() == null ? null : ownCard(actor, c.cardId());
                if (card != null && !card.merchantId().equals(merchant.id())) {
                    throw Rejection.invalid("cardId", "the card is not one of this merchant's");
                }
                yield new Subject(merchant, card, null, null);
            }
        };
    }

    private Subject withCard(CardView card, RedemptionView redemption, RefundView refund) {
        MerchantView merchant = merchants.find(card.merchantId()).orElseThrow();
        return new Subject(merchant, card, redemption, refund);
    }

    private CardView ownCard(Actor actor, UUID cardId) {
        return cards.find(cardId).filter(k -> k.holderUserId().equals(actor.userId()))
                .orElseThrow(() -> Rejection.notFound("card " + cardId));
    }

    static void validate(FileComplaint c) {
        if (c == null || c.subject() == null || c.subjectId() == null) {
            throw Rejection.invalid("subject", "name what the complaint is about: CARD, REDEMPTION, REFUND or MERCHANT and its id");
        }
        if (c.category() == null) {
            throw Rejection.invalid("category", "choose a category");
        }
        String description = c.description() == null ? "" : c.description().strip();
        if (description.length() < DESCRIPTION_LENGTH_MIN || description.length() > DESCRIPTION_LENGTH_MAX) {
            throw Rejection.invalid("description", "describe what happened in " + DESCRIPTION_LENGTH_MIN + " to "
                    + DESCRIPTION_LENGTH_MAX + " characters").withMessage("problem.complaint.description-length",
                    DESCRIPTION_LENGTH_MIN, DESCRIPTION_LENGTH_MAX);
        }
        validateAsk(c.asked(), c.askedAction());
    }

    public static void validateAsk(Money asked, String action) {
        boolean hasAction = action != null && !action.isBlank();
        if (asked == null && !hasAction) {
            throw Rejection.invalid("asked", "say what you ask for: an amount, an action, or both")
                    .withMessage("problem.complaint.asked-missing");
        }
        if (asked != null && (!asked.currency().equals(Money.CNY) || !asked.isPositive() || asked.compareTo(ASKED_MAX) > 0)) {
            throw Rejection.invalid("asked", "an amount in CNY, more than zero and at most " + ASKED_MAX.format())
                    .withMessage("problem.complaint.asked-range", ASKED_MAX.format());
        }
        if (hasAction && action.strip().length() > ACTION_LENGTH_MAX) {
            throw Rejection.invalid("askedAction", "at most " + ACTION_LENGTH_MAX + " characters")
                    .withMessage("problem.complaint.action-length", ACTION_LENGTH_MAX);
        }
    }
}
