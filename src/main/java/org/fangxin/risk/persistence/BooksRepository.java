package org.fangxin.risk.persistence;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.risk.domain.SignalInputs;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What risk keeps from our own books: activity per merchant and day, how far each source is collected, positions
 * (balances) and complaints from the complaint module. Collection is idempotent: a day's figures are replaced.
 */
@Repository
public class BooksRepository {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public BooksRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** One source's figures for a merchant and day: which columns it fills and their values. */
    public record DayFigures(UUID merchantId, LocalDate day, long[] values) { }

    /** Replaces the given columns of the days (other sources' columns stay). */
    public void upsertDays(List<String> columns, List<DayFigures> days) {
        if (days.isEmpty()) {
            return;
        }
        String names = String.join(", ", columns);
        String marks = String.join(", ", columns.stream().map(c -> "?").toList());
        String updates = String.join(", ", columns.stream().map(c -> c + " = excluded." + c).toList());
        template.batchUpdate("insert into risk.activity_day (merchant_id, day, " + names + ") values (?, ?, " + marks + ")"
                + " on conflict (merchant_id, day) do update set " + updates, days, 1_000, (ps, d) -> {
                    ps.setObject(1, d.merchantId());
                    ps.setDate(2, Date.valueOf(d.day()));
                    for (int i = 0; i < d.values().length; i++) {
                        ps.setLong(3 + i, d.values()[i]);
                    }
                });
    }

    /** Sets the mark (callers hold {@link #lockCollection}, so no other collector moves it meanwhile). */
    public void markCollected(String source, LocalDate through) {
        jdbc.sql("""
                insert into risk.collection (source, collected_through) values (:source, :through)
                on conflict (source) do update set collected_through = excluded.collected_through
                """)
                .param("source", source).param("through", Date.valueOf(through)).update();
    }

    /** Serialises collectors of two instances: the first to lock does the work, the second then finds it done. */
    public void lockCollection() {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('risk.collection'))").query().singleRow();
    }

    /** Upserts the positions in one statement. */
    public void upsertPositions(Map<UUID, SignalInputs.Position> positions, Instant at) {
        if (positions.isEmpty()) {
            return;
        }
        List<Map.Entry<UUID, SignalInputs.Position>> rows = List.copyOf(positions.entrySet());
        jdbc.sql("""
                insert into risk.position (merchant_id, prepaid_balance_minor, live_cards, advance_minor, deposit_minor,
                    insured_cover_minor, as_of, collected_at)
                select p.id, p.balance, p.cards, p.advance, p.deposit, p.cover, p.as_of, :at
                  from unnest(:ids, :balances, :cards, :advances, :deposits, :covers, cast(:asOf as date[]))
                       as p(id, balance, cards, advance, deposit, cover, as_of)
                on conflict (merchant_id) do update set prepaid_balance_minor = excluded.prepaid_balance_minor,
                    live_cards = excluded.live_cards, advance_minor = excluded.advance_minor,
                    deposit_minor = excluded.deposit_minor, insured_cover_minor = excluded.insured_cover_minor,
                    as_of = excluded.as_of, collected_at = excluded.collected_at
                """)
                .param("ids", SqlArrays.uuids(rows, Map.Entry::getKey))
                .param("balances", SqlArrays.longs(rows, e -> e.getValue().prepaidBalanceMinor()))
                .param("cards", SqlArrays.longs(rows, e -> e.getValue().liveCards()))
                .param("advances", SqlArrays.longs(rows, e -> e.getValue().advanceMinor()))
                .param("deposits", SqlArrays.longs(rows, e -> e.getValue().depositMinor()))
                .param("covers", SqlArrays.longs(rows, e -> e.getValue().insuredCoverMinor()))
                .param("asOf", SqlArrays.texts(rows, e -> e.getValue().asOf()))
                .param("at", Timestamp.from(at))
                .update();
    }

    public Map<UUID, SignalInputs.Position> positions(List<UUID> ids) {
        Map<UUID, SignalInputs.Position> positions = new HashMap<>();
        jdbc.sql("""
                select merchant_id, prepaid_balance_minor, live_cards, advance_minor, deposit_minor, insured_cover_minor, as_of
                  from risk.position where merchant_id = any(cast(:ids as uuid[]))
                """)
                .param("ids", SqlIds.of(ids))
                .query(rs -> {
                    positions.put(rs.getObject(1, UUID.class), new SignalInputs.Position(rs.getLong(2), rs.getLong(3),
                            rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getObject(7, LocalDate.class)));
                });
        return positions;
    }

    /**
     * Records a complaint (once per complaint id) with its 12315 number when it came from 12315 (null otherwise) and,
     * when given, the day it was upheld.
     */
    public void recordComplaint(UUID complaintId, UUID merchantId, LocalDate filedOn, String ref12315, LocalDate upheldOn) {
        jdbc.sql("""
                insert into risk.complaint (complaint_id, merchant_id, filed_on, ref_12315, upheld_on)
                values (:id, :merchant, :filed, :ref, :upheld)
                on conflict (complaint_id) do update set upheld_on = coalesce(excluded.upheld_on, risk.complaint.upheld_on),
                    ref_12315 = coalesce(risk.complaint.ref_12315, excluded.ref_12315)
                """)
                .param("id", complaintId).param("merchant", merchantId).param("filed", Date.valueOf(filedOn))
                .param("ref", ref12315).param("upheld", upheldOn == null ? null : Date.valueOf(upheldOn)).update();
    }
}
