package org.fangxin.card.web;

import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import org.fangxin.card.CardEventView;
import org.fangxin.card.CardView;
import org.fangxin.card.EscrowIdentityReport;
import org.fangxin.card.TransferCard;
import org.fangxin.card.lifecycle.CardRegistry;
import org.fangxin.card.CardTransferOfferView;
import org.fangxin.card.lifecycle.CardTransferOffers;
import org.fangxin.card.lifecycle.EscrowIdentityCheck;
import org.fangxin.identity.Actor;
import org.fangxin.shared.Idempotency;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class CardApiController {

    private final CardRegistry cards;
    private final CardTransferOffers transfers;
    private final EscrowIdentityCheck escrow;
    private final Idempotency idempotency;

    CardApiController(CardRegistry cards, CardTransferOffers transfers, EscrowIdentityCheck escrow, Idempotency idempotency) {
        this.cards = cards;
        this.transfers = transfers;
        this.escrow = escrow;
        this.idempotency = idempotency;
    }

    @GetMapping("/api/v1/cards")
    List<CardView> list(Actor actor, @RequestParam(defaultValue = "50") int limit) {
        return cards.list(actor, limit);
    }

    @GetMapping("/api/v1/cards/escrow-identity")
    EscrowIdentityReport escrowIdentity(Actor actor) {
        return escrow.check(actor);
    }

    @GetMapping("/api/v1/cards/{id}")
    CardView view(Actor actor, @PathVariable UUID id) {
        return cards.view(actor, id);
    }

    @GetMapping("/api/v1/cards/{id}/history")
    List<CardEventView> history(Actor actor, @PathVariable UUID id, @RequestParam(defaultValue = "100") int limit) {
        return cards.history(actor, id, limit);
    }

    /**
     * Offers the card to whoever holds the number: 202 and the same answer for any number (a transfer must not reveal
     * whether a number is registered); the transfer happens when that consumer accepts.
     */
    @PostMapping("/api/v1/cards/{id}/transfer")
    ResponseEntity<Object> transfer(Actor actor, @PathVariable UUID id,
                                    @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                    @Valid @RequestBody TransferCard command) {
        var answer = idempotency.execute(actor.scope(), key, true, new Keyed(id, command),
                () -> Idempotency.Answer.of(202, transfers.offer(actor, id, command.toMobile())));
        return answer.toResponse();
    }

    /** The open offers to the caller's mobile number. */
    @GetMapping("/api/v1/card-transfer-offers")
    List<CardTransferOfferView> offers(Actor actor) {
        return transfers.incoming(actor);
    }

    /** The consumer holding the offered number accepts: 201 and the transfer (the new card's id). */
    @PostMapping("/api/v1/card-transfer-offers/{id}/acceptance")
    ResponseEntity<Object> accept(Actor actor, @PathVariable UUID id,
                                  @RequestHeader(name = Idempotency.HEADER, required = false) String key) {
        var answer = idempotency.execute(actor.scope(), key, true, new Keyed(id, "acceptance"),
                () -> Idempotency.Answer.of(201, transfers.accept(actor, id)));
        return answer.toResponse();
    }

    /** The holder withdraws an open offer. */
    @PostMapping("/api/v1/card-transfer-offers/{id}/cancellation")
    ResponseEntity<Object> cancel(Actor actor, @PathVariable UUID id,
                                  @RequestHeader(name = Idempotency.HEADER, required = false) String key) {
        var answer = idempotency.execute(actor.scope(), key, false, new Keyed(id, "cancellation"),
                () -> Idempotency.Answer.of(200, transfers.cancel(actor, id)));
        return answer.toResponse();
    }

    /** The request a key guards: the path id belongs to it. */
    record Keyed(UUID id, Object body) { }
}
