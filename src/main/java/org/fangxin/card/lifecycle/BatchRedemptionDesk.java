package org.fangxin.card.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.fangxin.card.CardRedeemed;
import org.fangxin.card.CardStatus;
import org.fangxin.card.Redeem;
import org.fangxin.card.RedemptionView;
import org.fangxin.card.domain.Card;
import org.fangxin.card.domain.RedemptionTokens;
import org.fangxin.card.persistence.CardRow;
import org.fangxin.card.persistence.RedemptionWrites;
import org.fangxin.identity.Actor;
import org.fangxin.ledger.TransferView;
import org.fangxin.merchant.Merchants;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.MerchantSlot;
import org.fangxin.shared.Rejection;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The group commit's use case beside {@link RedemptionDesk}: a batch of code redemptions decided and written set-based
 * (ADR 16, docs/card.md "Group commit") under the single path's rules (the {@link Card} aggregate, the same refusals).
 * Made by {@link RedemptionDesk}, whose collaborators it shares.
 */
class BatchRedemptionDesk {

    private final RedemptionDesk desk;
    private final RedemptionWrites writes;
    private final CardPostings postings;
    private final Merchants merchants;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final InsurerHolds insurerHolds;

    BatchRedemptionDesk(RedemptionDesk desk, RedemptionWrites writes, CardPostings postings, Merchants merchants,
                        ApplicationEventPublisher events, AuditTrail audit, IdGenerator ids, Clock clock,
                        InsurerHolds insurerHolds) {
        this.desk = desk;
        this.writes = writes;
        this.postings = postings;
        this.merchants = merchants;
        this.events = events;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
        this.insurerHolds = insurerHolds;
    }

    /**
     * A redeem command of a group commit: who redeems what, the merchant slot its ids carry (sharded profile), and the
     * actor name and request id of its audit entry (the batch runs on a worker thread, not the request's).
     */
    public record BatchCommand(Actor actor, Redeem command, OptionalInt slot, String auditActor, String requestId) { }

    /** A batched command's outcome: its redemption, or its refusal (then it wrote nothing of its own). */
    public record BatchOutcome(RedemptionView redemption, RuntimeException refusal) { }

    /**
     * Redeems a batch of codes set-based, in the caller's transaction (issue 15, docs/card.md "Group commit"): the
     * batch's stores read in one statement, its codes and cards locked in one (card id order), each command decided in
     * order by the {@link Card} aggregate as {@link #redeem(Actor, Redeem)} decides it (a card redeemed twice in the
     * batch is decided the second time on its state after the first, so of two commands for its last session exactly
     * one wins), the accepted ones' transfers posted in one ledger call per merchant slot, and their code use, card
     * counters, history lines, redemption rows and audit entries deferred as two statements
     * ({@link org.fangxin.shared.DeferredStatements}). A refused command gets its own problem and writes nothing; any
     * other failure fails the whole batch (its transaction rolls back).
     */
    public List<BatchOutcome> redeemAll(List<BatchCommand> batch) {
        Instant now = clock.instant();
        int n = batch.size();
        BatchOutcome[] outcomes = new BatchOutcome[n];
        List<Integer> pending = new ArrayList<>();
        List<RedemptionWrites.CodeShown> shown = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BatchCommand b = batch.get(i);
            try {
                RedemptionDesk.requireStaff(b.actor());
                if (b.actor().merchantId() == null || b.command().storeId() == null) {
                    throw Rejection.notFound("store " + b.command().storeId());
                }
                String code = b.command().code().strip();
                if (code.matches("[0-9]{6}")) {
                    shown.add(new RedemptionWrites.CodeShown(code, null, b.actor().merchantId()));
                } else {
                    RedemptionTokens.Claim claim = desk.tokens().verify(code).orElseThrow(() -> Rejection.notFound("redemption code"));
                    if (!claim.expiresAt().isAfter(now)) {
                        throw new Rejection(RedemptionDesk.CODE_EXPIRED, "this code expired: ask the holder for a new one");
                    }
                    shown.add(new RedemptionWrites.CodeShown(null, claim.codeId(), b.actor().merchantId()));
                }
                pending.add(i);
            } catch (Rejection refused) {
                outcomes[i] = new BatchOutcome(null, refused);
            }
        }
        Map<UUID, UUID> storeMerchants = merchants.merchantsOfStores(
                pending.stream().map(i -> batch.get(i).command().storeId()).collect(Collectors.toSet()));
        Map<Integer, RedemptionWrites.LockedCode> locked = shown.isEmpty() ? Map.of() : writes.lockCodesAndCards(shown, now);

        List<Decided> decided = new ArrayList<>();
        Map<UUID, Card> cardsNow = new LinkedHashMap<>(); // each card's state after the batch's accepted redemptions
        Set<UUID> codesTaken = new HashSet<>();
        for (int j = 0; j < pending.size(); j++) {
            int i = pending.get(j);
            BatchCommand b = batch.get(i);
            RedemptionWrites.LockedCode found = locked.get(j);
            boolean tookCode = false;
            try {
                // The store first, as the single path checks it with the code use's round trip.
                if (!b.actor().merchantId().equals(storeMerchants.get(b.command().storeId()))) {
                    throw Rejection.notFound("store " + b.command().storeId());
                }
                if (found == null || !codesTaken.add(found.codeId())) {
                    throw Rejection.notFound("redemption code (unknown, used or expired)");
                }
                tookCode = true;
                Decided d = inSlot(b.slot(), () -> decide(b, found, cardsNow, now, i));
                decided.add(d);
            } catch (Rejection refused) {
                if (tookCode) { // a code an earlier command of the batch took stays taken
                    codesTaken.remove(found.codeId());
                }
                outcomes[i] = new BatchOutcome(null, refused);
            }
        }

        // The accepted ones' transfers: one ledger call per merchant slot (one with a single database), ids in the slot.
        Map<UUID, UUID> transferOf = new HashMap<>();
        Map<OptionalInt, List<Decided>> bySlot = new LinkedHashMap<>();
        decided.stream().filter(d -> d.redemption().value().isPositive())
                .forEach(d -> bySlot.computeIfAbsent(batch.get(d.index()).slot(), s -> new ArrayList<>()).add(d));
        bySlot.forEach((slot, ds) -> inSlot(slot, () -> {
            List<TransferView> posted = postings.earnedAll(ds.stream().map(d -> postings.earnedTransfer(
                    "redemption:" + d.redemption().id(), "redemption " + d.redemption().id() + " of card " + d.redemption().cardId(),
                    d.redemption().cardId(), d.redemption().merchantId(), d.redemption().value(), d.redemption().advanceNetted()))
                    .toList());
            for (int k = 0; k < ds.size(); k++) {
                transferOf.put(ds.get(k).redemption().id(), posted.get(k).id().value());
            }
            return null;
        }));

        if (!decided.isEmpty()) {
            writes.recordAll(cardsNow.entrySet().stream()
                            .map(e -> new RedemptionWrites.CardAfter(e.getKey(), e.getValue().entitlement())).toList(),
                    decided.stream().map(d -> new RedemptionWrites.Accepted(d.redemption(), d.codeId(), d.eventId(), d.detail(),
                            transferOf.get(d.redemption().id()))).toList(), now);
            // One audit statement per merchant slot (one with a single database): the entries' ids carry the slot's gene.
            Map<OptionalInt, List<AuditTrail.ChangeBy>> auditBySlot = new LinkedHashMap<>();
            decided.forEach(d -> auditBySlot.computeIfAbsent(batch.get(d.index()).slot(), slot -> new ArrayList<>())
                    .add(new AuditTrail.ChangeBy(batch.get(d.index()).auditActor(), batch.get(d.index()).requestId(),
                            d.redemption().cardId(), null,
                            Map.of("redemptionId", d.redemption().id(), "value", d.redemption().value(), "via", "CODE"))));
            auditBySlot.forEach((slot, changes) -> inSlot(slot, () -> {
                audit.recordEach("card.redeemed", "card", changes);
                return null;
            }));
        }
        for (Decided d : decided) {
            events.publishEvent(d.event());
            outcomes[d.index()] = new BatchOutcome(d.redemption(), null);
        }
        return List.of(outcomes);
    }

    /** A batched command the card aggregate accepted, not yet written. */
    private record Decided(int index, RedemptionView redemption, UUID codeId, UUID eventId, String detail, CardRedeemed event) { }

    /** One batched command decided on its card's state so far in the batch; refuses as {@link #redeemCard} does. */
    private Decided decide(BatchCommand b, RedemptionWrites.LockedCode found, Map<UUID, Card> cardsNow, Instant now,
                           int index) {
        CardRow row = found.card();
        UUID cardId = row.id();
        UUID merchantId = b.actor().merchantId();
        if (!row.merchantId().equals(merchantId)) {
            throw Rejection.notFound("card " + cardId);
        }
        Card card = cardsNow.getOrDefault(cardId, row.card());
        if (card.status() != CardStatus.ACTIVE) {
            insurerHolds.requireNone(cardId); // the clearer refusal, as the single path gives it
        }
        Redeem command = b.command();
        Card.Change<CardRedeemed> change = card.redeem(new Card.Use(command.sessions(), command.amount()), ids.next(),
                command.storeId(), now);
        cardsNow.put(cardId, change.after());
        CardRedeemed redeemed = change.event();
        RedemptionView redemption = new RedemptionView(redeemed.redemptionId(), cardId, merchantId, command.storeId(),
                b.actor().userId(), "CODE", command.sessions(), command.amount(), redeemed.value(), redeemed.advanceNetted(),
                "REDEEMED", now, null, null, null, null, null);
        String what = command.sessions() != null ? command.sessions() + " session(s)" : command.amount().format();
        return new Decided(index, redemption, found.codeId(), ids.next(), what + " at store " + command.storeId(), redeemed);
    }

    private static <T> T inSlot(OptionalInt slot, Supplier<T> work) {
        return slot.isPresent() ? MerchantSlot.within(slot.getAsInt(), work) : work.get();
    }
}
