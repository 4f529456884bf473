package org.fangxin.card.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.card.CardView;
import org.fangxin.card.RedemptionRequestView;
import org.fangxin.card.domain.RedemptionTokens;
import org.fangxin.card.persistence.CardRepository;
import org.fangxin.card.persistence.RedemptionRepository;
import org.fangxin.identity.Actor;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the merchant counter reads before and after a redemption: the card a scanned or typed code names (without using
 * the code, so staff see the card and then confirm), and the state of a 安心付 confirmation request it sent.
 * Another merchant's code or request is not found (404).
 */
@Service
@Transactional(readOnly = true)
public class CounterLookup {

    private final RedemptionRepository redemptions;
    private final CardRepository cards;
    private final CardRegistry registry;
    private final RedemptionTokens tokens;
    private final Clock clock;

    CounterLookup(RedemptionRepository redemptions, CardRepository cards, CardRegistry registry, Clock clock,
                  @Value("${fangxin.card.token-key:fangxin-dev-only-card-token-key}") String tokenKey) {
        this.redemptions = redemptions;
        this.cards = cards;
        this.registry = registry;
        this.clock = clock;
        this.tokens = new RedemptionTokens(tokenKey);
    }

    /** The card of a valid code (6 digits or the QR token) at the staff member's merchant. */
    public CardView cardForCode(Actor actor, String code) {
        requireStaff(actor);
        Instant now = clock.instant();
        String typed = code == null ? "" : code.strip();
        Optional<UUID> cardId;
        if (typed.matches("[0-9]{6}")) {
            cardId = redemptions.peekCode(typed, null, actor.merchantId(), now);
        } else {
            RedemptionTokens.Claim claim = tokens.verify(typed).orElseThrow(() -> Rejection.notFound("redemption code"));
            if (!claim.expiresAt().isAfter(now)) {
                throw new Rejection(RedemptionDesk.CODE_EXPIRED, "this code expired: ask the holder for a new one");
            }
            cardId = redemptions.peekCode(null, claim.codeId(), actor.merchantId(), now);
        }
        UUID id = cardId.orElseThrow(() -> Rejection.notFound("redemption code (unknown, used or expired)"));
        return registry.view(cards.find(id).orElseThrow(() -> Rejection.notFound("card " + id)));
    }

    /** A confirmation request the staff member's merchant sent. */
    public RedemptionRequestView request(Actor actor, UUID requestId) {
        requireStaff(actor);
        return redemptions.findRequest(requestId).filter(r -> actor.worksFor(r.merchantId()))
                .orElseThrow(() -> Rejection.notFound("redemption request " + requestId));
    }

    private static void requireStaff(Actor actor) {
        if (!actor.role().isMerchantSide()) {
            throw new Rejection(ProblemType.FORBIDDEN, "only merchant staff use the counter");
        }
    }
}
