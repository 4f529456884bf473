package org.fangxin.card.persistence;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.card.RedemptionView;
import org.fangxin.card.domain.Entitlement;
import org.fangxin.shared.DeferredStatements;
import org.springframework.stereotype.Repository;

/**
 * The redemption's own writes folded into two statements (issue 15: fewer round trips on the hot path): the code is
 * used and its card locked in one, the card's counters, its history line and the redemption row are written in one.
 * The rules stay where they were: the {@link org.fangxin.card.domain.Card} aggregate decides between the two statements
 * under the card's row lock, and the second statement writes nothing unless the card is still active under that lock.
 */
@Repository
public class RedemptionWrites {

    private final DeferredStatements deferred;

    public RedemptionWrites(DeferredStatements deferred) {
        this.deferred = deferred;
    }

    /**
     * Uses a live code once (by its 6 digits at the merchant, or by its id from a verified token) and locks its card in
     * the same statement. Empty when no such unused, unexpired code exists for this merchant: a second use finds
     * nothing, because the code's update waits for the first and then sees it used.
     */
    public Optional<CardRow> useCodeAndLockCard(String shortCode, UUID codeId, UUID merchantId, Instant now) {
        Map<String, Object> params = new HashMap<>();
        params.put("now", Timestamp.from(now));
        params.put("merchant", merchantId);
        params.put("code", shortCode);
        params.put("codeId", codeId);
        // card.use_code (V10_97_47, V10_97_48) probes the code's and the card's keys whatever the statistics say; the sub-select
        // calls it once and the card is then locked by its primary key. The checks deferred before it (the redeem's
        // store) ride in this round trip and refuse before any later work.
        return deferred.queryAfterHeld("select " + CardRepository.CARD_COLUMNS + " from card.card where id = ("
                + "select card.use_code(cast(:now as timestamptz), cast(:merchant as uuid), cast(:code as char(6)),"
                + " cast(:codeId as uuid))) for update", params, CardRepository::card).stream().findFirst();
    }

    /**
     * Writes a redemption decided under the card's lock: the card's counters after it, the card's history line and
     * the redemption row, in one statement, deferred ({@link DeferredStatements}). Fails (the command rolls back) unless
     * the card is still active.
     */
    public void record(RedemptionView r, Entitlement after, UUID eventId, String detail, UUID transferId) {
        Map<String, Object> params = new HashMap<>();
        params.put("card", r.cardId());
        params.put("earned", after.earned().amountMinor());
        params.put("advance", after.advanceOutstanding().amountMinor());
        params.put("remaining", after.sessionsRemaining());
        params.put("faceRemaining", after.faceRemaining() == null ? null : after.faceRemaining().amountMinor());
        params.put("through", after.releasedThrough() == null ? null : Date.valueOf(after.releasedThrough()));
        params.put("at", Timestamp.from(r.redeemedAt()));
        params.put("event", eventId);
        params.put("detail", detail);
        params.put("id", r.id());
        params.put("merchant", r.merchantId());
        params.put("store", r.storeId());
        params.put("staff", r.staffUserId());
        params.put("via", r.via());
        params.put("sessions", r.sessions());
        params.put("face", r.faceAmount() == null ? null : r.faceAmount().amountMinor());
        params.put("value", r.value().amountMinor());
        params.put("netted", r.advanceNetted().amountMinor());
        params.put("currency", r.value().currency().getCurrencyCode());
        params.put("status", r.status());
        params.put("transfer", transferId);
        // Nothing the request needs comes back: inside DeferredStatements.sendTogether it rides with the command's last
        // statements (the audit entry, the idempotency answer); one redemption row or the command fails and rolls back.
        deferred.defer("""
                with card_after as (
                    update card.card set earned_minor = :earned, advance_outstanding_minor = :advance,
                           sessions_remaining = :remaining, face_remaining_minor = :faceRemaining, released_through = :through,
                           first_redeemed_at = coalesce(first_redeemed_at, cast(:at as timestamptz))
                     where id = :card and status = 'ACTIVE'
                    returning id),
                history as (
                    insert into card.card_event (id, card_id, occurred_at, kind, detail, amount_minor, sessions, reference_id)
                    select cast(:event as uuid), id, cast(:at as timestamptz), 'REDEEMED', cast(:detail as text),
                           cast(:value as bigint), cast(:sessions as int), cast(:id as uuid) from card_after)
                insert into card.redemption (id, card_id, merchant_id, store_id, staff_user_id, via, sessions,
                       face_amount_minor, value_minor, advance_netted_minor, currency, status, redeemed_at, transfer_id)
                select cast(:id as uuid), id, cast(:merchant as uuid), cast(:store as uuid), cast(:staff as uuid),
                       cast(:via as text), cast(:sessions as int), cast(:face as bigint), cast(:value as bigint),
                       cast(:netted as bigint), cast(:currency as char(3)), cast(:status as text), cast(:at as timestamptz),
                       cast(:transfer as uuid)
                  from card_after
                """, params, 1, () -> new IllegalStateException("card " + r.cardId() + " is not active under its lock"));
    }
}
