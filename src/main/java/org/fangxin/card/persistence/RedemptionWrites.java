package org.fangxin.card.persistence;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.card.RedemptionView;
import org.fangxin.card.domain.Entitlement;
import org.fangxin.shared.DeferredStatements;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The redemption's own writes folded into two statements (issue 15: fewer round trips on the hot path): the code is
 * used and its card locked in one, the card's counters, its history line and the redemption row are written in one.
 * The rules stay where they were: the {@link org.fangxin.card.domain.Card} aggregate decides between the two statements
 * under the card's row lock, and the second statement writes nothing unless the card is still active under that lock.
 */
@Repository
public class RedemptionWrites {

    private final JdbcClient jdbc;
    private final DeferredStatements deferred;

    public RedemptionWrites(JdbcClient jdbc, DeferredStatements deferred) {
        this.jdbc = jdbc;
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
        // card.use_code (V10_97_47) probes the code's and the card's keys whatever the statistics say; the sub-select
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

    /** A code a command of a group commit shows: its 6 digits or its id from a verified token, at the staff's merchant. */
    public record CodeShown(String shortCode, UUID codeId, UUID merchantId) { }

    /** A live code found for a command of a group commit, and its card, both locked. */
    public record LockedCode(UUID codeId, CardRow card) { }

    /**
     * For a group commit: finds each command's live code (as {@link #useCodeAndLockCard} does) and locks the codes and
     * their cards in ONE statement, in card id order (two batches, or a batch and a single redemption, then queue on
     * their first common card). Codes are not used here: only the accepted commands' codes are, by {@link #recordAll}.
     * A code another transaction used meanwhile is re-checked under its lock and not found. The short-code and the
     * token look-ups are two sub-queries (not one with {@code or}): each probes its own index, where one {@code or} of
     * two outer columns scanned every live code per command (6,000–22,000 buffer hits per redeem, session 10). As in
     * {@code card.use_code} (V10_97_47), the code's merchant is checked through its card's primary key, never by a join
     * the planner may drive from the merchant's cards (2,800–13,400 buffer hits per redeem in the lead's run). Several commands showing
     * the same code get it each; the caller gives it to the first. Keyed by the command's index.
     * <p>The token look-up and the locking join name codes by primary key alone (the join by {@code = any} of the
     * picked ids) and check them live in their select lists, the join on the locked rows, as {@code card.use_code}
     * does since V10_97_49: with the live conditions in their WHERE, the cached generic plan hash-joined the picked
     * codes with a scan of the partial index {@code redemption_code_lookup} (every live code) whenever its statistics
     * were taken while few codes were live (1,200–2,600 buffer hits per batched redeem against 250 on the single path,
     * lead's run, session 12).
     */
    public Map<Integer, LockedCode> lockCodesAndCards(List<CodeShown> shown, Instant now) {
        Map<Integer, LockedCode> locked = new HashMap<>();
        // The short codes as char(6), the column's type: compared as text the column is cast and the index
        // redemption_code_lookup cannot probe it (4,200 buffer hits per redeem at 32 clients, issue 15 session 11).
        jdbc.sql("with shown as (" + """
                select * from unnest(cast(:ords as int[]), cast(:codes as char(6)[]), cast(:codeIds as uuid[]),
                                     cast(:merchants as uuid[])) as s(ord, short_code, code_id, merchant_id)),
                picked as materialized (
                    select s.ord, s.merchant_id,
                           coalesce((select k2.id from card.redemption_code k2
                                      where k2.short_code = s.short_code and k2.used_at is null and k2.expires_at > :now
                                        and (select c2.merchant_id from card.card c2 where c2.id = k2.card_id) = s.merchant_id
                                      order by k2.issued_at desc limit 1),
                                    (select case when k2.used_at is null and k2.expires_at > :now
                                                  and (select c2.merchant_id from card.card c2 where c2.id = k2.card_id)
                                                      = s.merchant_id then k2.id end
                                       from card.redemption_code k2 where k2.id = s.code_id)) as code_id
                      from shown s)
                """ + "select p.ord, k.id as found_code_id, " + QUALIFIED_CARD_COLUMNS + """
                     , (c.merchant_id = p.merchant_id and k.used_at is null and k.expires_at > :now) as live
                  from picked p join card.redemption_code k on k.id = p.code_id
                  join card.card c on c.id = k.card_id
                 where k.id = any(array(select code_id from picked))
                 order by c.id, k.id
                   for update of k, c
                """)
                .param("ords", java.util.stream.IntStream.range(0, shown.size()).boxed().toArray(Integer[]::new))
                .param("codes", shown.stream().map(CodeShown::shortCode).toArray(String[]::new))
                .param("codeIds", shown.stream().map(CodeShown::codeId).toArray(UUID[]::new))
                .param("merchants", shown.stream().map(CodeShown::merchantId).toArray(UUID[]::new))
                .param("now", Timestamp.from(now))
                .query((rs, n) -> rs.getBoolean("live") ? locked.put(rs.getInt("ord"),
                        new LockedCode(rs.getObject("found_code_id", UUID.class), CardRepository.card(rs, n))) : null)
                .list();
        return locked;
    }

    private static final String QUALIFIED_CARD_COLUMNS = java.util.Arrays.stream(CardRepository.CARD_COLUMNS.split(","))
            .map(column -> "c." + column.strip()).collect(java.util.stream.Collectors.joining(", "));

    /** A card's counters after a group commit's accepted redemptions of it. */
    public record CardAfter(UUID cardId, Entitlement after) { }

    /** A redemption accepted in a group commit, with its code, its history line and its transfer. */
    public record Accepted(RedemptionView redemption, UUID codeId, UUID eventId, String detail, UUID transferId) { }

    /**
     * {@link #record} for a group commit's accepted redemptions, with their codes' use, in ONE statement (deferred):
     * each code used once, each card's counters written once (its last state), one history line and one redemption row
     * per redemption. Fails (the batch rolls back) unless every code was still live and every card still active.
     * <p>The codes are named by primary key alone and their liveness read in a select list, as in
     * {@link #lockCodesAndCards}: with {@code used_at is null} in the update's WHERE, the generic plan could AND a bitmap
     * scan of the partial index {@code redemption_code_lookup} (every live code) with the key probes (~2,750 buffer hits
     * per batch in gc12's run). The count stays exact because {@link #lockCodesAndCards} holds the codes' row locks.
     */
    public void recordAll(List<CardAfter> cards, List<Accepted> accepted, Instant now) {
        Map<String, Object> params = new HashMap<>();
        params.put("now", Timestamp.from(now));
        params.put("codes", accepted.stream().map(Accepted::codeId).toArray(UUID[]::new));
        params.put("codeCount", accepted.size());
        params.put("cardCount", cards.size());
        params.put("cardIds", cards.stream().map(CardAfter::cardId).toArray(UUID[]::new));
        params.put("earned", cards.stream().map(c -> c.after().earned().amountMinor()).toArray(Long[]::new));
        params.put("advance", cards.stream().map(c -> c.after().advanceOutstanding().amountMinor()).toArray(Long[]::new));
        params.put("remaining", cards.stream().map(c -> c.after().sessionsRemaining()).toArray(Integer[]::new));
        params.put("faceRemaining", cards.stream().map(c -> c.after().faceRemaining() == null ? null
                : c.after().faceRemaining().amountMinor()).toArray(Long[]::new));
        params.put("through", cards.stream().map(c -> c.after().releasedThrough() == null ? null
                : Date.valueOf(c.after().releasedThrough())).toArray(Date[]::new));
        List<RedemptionView> rs = accepted.stream().map(Accepted::redemption).toList();
        params.put("ids", rs.stream().map(RedemptionView::id).toArray(UUID[]::new));
        params.put("redemptionCards", rs.stream().map(RedemptionView::cardId).toArray(UUID[]::new));
        params.put("events", accepted.stream().map(Accepted::eventId).toArray(UUID[]::new));
        params.put("details", accepted.stream().map(Accepted::detail).toArray(String[]::new));
        params.put("merchants", rs.stream().map(RedemptionView::merchantId).toArray(UUID[]::new));
        params.put("stores", rs.stream().map(RedemptionView::storeId).toArray(UUID[]::new));
        params.put("staff", rs.stream().map(RedemptionView::staffUserId).toArray(UUID[]::new));
        params.put("vias", rs.stream().map(RedemptionView::via).toArray(String[]::new));
        params.put("sessions", rs.stream().map(RedemptionView::sessions).toArray(Integer[]::new));
        params.put("faces", rs.stream().map(r -> r.faceAmount() == null ? null : r.faceAmount().amountMinor()).toArray(Long[]::new));
        params.put("values", rs.stream().map(r -> r.value().amountMinor()).toArray(Long[]::new));
        params.put("netted", rs.stream().map(r -> r.advanceNetted().amountMinor()).toArray(Long[]::new));
        params.put("currencies", rs.stream().map(r -> r.value().currency().getCurrencyCode()).toArray(String[]::new));
        params.put("statuses", rs.stream().map(RedemptionView::status).toArray(String[]::new));
        params.put("ats", rs.stream().map(r -> Timestamp.from(r.redeemedAt())).toArray(Timestamp[]::new));
        params.put("transfers", accepted.stream().map(Accepted::transferId).toArray(UUID[]::new));
        deferred.defer("""
                with was as materialized (
                    select id, used_at is null as live from card.redemption_code where id = any(cast(:codes as uuid[]))),
                used as (
                    update card.redemption_code set used_at = cast(:now as timestamptz)
                     where id = any(array(select id from was where live))
                    returning id),
                card_after as (
                    update card.card c set earned_minor = a.earned, advance_outstanding_minor = a.advance,
                           sessions_remaining = a.remaining, face_remaining_minor = a.face_remaining,
                           released_through = a.through,
                           first_redeemed_at = coalesce(c.first_redeemed_at, cast(:now as timestamptz))
                      from unnest(cast(:cardIds as uuid[]), cast(:earned as bigint[]), cast(:advance as bigint[]),
                                  cast(:remaining as int[]), cast(:faceRemaining as bigint[]), cast(:through as date[]))
                           as a(id, earned, advance, remaining, face_remaining, through)
                     where c.id = a.id and c.status = 'ACTIVE'
                    returning c.id),
                complete as (
                    select (select count(*) from used) = cast(:codeCount as int)
                       and (select count(*) from card_after) = cast(:cardCount as int) as ok),
                r as (
                    select * from unnest(cast(:ids as uuid[]), cast(:redemptionCards as uuid[]), cast(:events as uuid[]),
                                         cast(:details as text[]), cast(:merchants as uuid[]), cast(:stores as uuid[]),
                                         cast(:staff as uuid[]), cast(:vias as text[]), cast(:sessions as int[]),
                                         cast(:faces as bigint[]), cast(:values as bigint[]), cast(:netted as bigint[]),
                                         cast(:currencies as text[]), cast(:statuses as text[]), cast(:ats as timestamptz[]),
                                         cast(:transfers as uuid[]))
                           as r(id, card_id, event_id, detail, merchant_id, store_id, staff_user_id, via, sessions,
                                face_amount, value_minor, netted, currency, status, redeemed_at, transfer_id)
                     where (select ok from complete)),
                history as (
                    insert into card.card_event (id, card_id, occurred_at, kind, detail, amount_minor, sessions, reference_id)
                    select r.event_id, r.card_id, r.redeemed_at, 'REDEEMED', r.detail, r.value_minor, r.sessions, r.id
                      from r)
                insert into card.redemption (id, card_id, merchant_id, store_id, staff_user_id, via, sessions,
                       face_amount_minor, value_minor, advance_netted_minor, currency, status, redeemed_at, transfer_id)
                select r.id, r.card_id, r.merchant_id, r.store_id, r.staff_user_id, r.via, r.sessions, r.face_amount,
                       r.value_minor, r.netted, cast(r.currency as char(3)), r.status, r.redeemed_at, r.transfer_id
                  from r
                """, params, accepted.size(), () -> new IllegalStateException("a batch of " + accepted.size()
                + " redemptions found a code used or a card not active under their locks"));
    }
}
