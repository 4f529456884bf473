package org.fangxin.risk.persistence;

import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.fangxin.merchant.MerchantScope;
import org.fangxin.risk.FactorView;
import org.fangxin.risk.MerchantRiskView;
import org.fangxin.risk.MoverView;
import org.fangxin.risk.RiskTier;
import org.fangxin.risk.ScorePoint;
import org.fangxin.risk.TermsView;
import org.fangxin.risk.domain.TierState;
import org.fangxin.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Tier states, daily scores and terms per merchant; the scoring job writes them in batches per chunk. */
@Repository
public class TierRepository {

    private static final TypeReference<List<FactorView>> FACTORS = new TypeReference<>() { };
    private static final TypeReference<Map<String, String>> SOURCES = new TypeReference<>() { };
    private static final String STATE_COLUMNS = """
            merchant_id, region_code, sector, tier, tier_since, up_since, up_to, raw_tier, score_centi, scored_on, badge_since,
            at_threshold, override_tier, override_reason, override_until, override_by""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public TierRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A merchant's stored tier state with its last score, badge, factors at threshold and override. */
    public record StoredTier(UUID merchantId, String regionCode, String sector, TierState state, RiskTier rawTier,
                             int scoreCenti, LocalDate scoredOn, LocalDate badgeSince, Set<String> atThreshold,
                             MerchantRiskView.Override override) {

        /** The tier in force at {@code now}: the override while it lasts, else the hysteresis tier. */
        public RiskTier tierAt(Instant now) {
            return override != null && override.until().isAfter(now) ? override.tier() : state.tier();
        }
    }

    /** Locks the merchants' tier rows (id order, so two writers never deadlock) and answers the existing ones. */
    public Map<UUID, StoredTier> lock(List<UUID> ids) {
        Map<UUID, StoredTier> found = new HashMap<>();
        jdbc.sql("select " + STATE_COLUMNS + " from risk.tier_state where merchant_id = any(cast(:ids as uuid[])) order by merchant_id for update")
                .param("ids", SqlIds.of(ids)).query(TierRepository::stored).list().forEach(t -> found.put(t.merchantId(), t));
        return found;
    }

    /** Marks the merchant due for a re-rating (once: a merchant already due stays so). */
    public void markDue(UUID merchantId, Instant at) {
        jdbc.sql("insert into risk.rating_due (merchant_id, marked_at) values (:id, :at) on conflict (merchant_id) do nothing")
                .param("id", merchantId).param("at", Timestamp.from(at)).update();
    }

    /** Takes (deletes) up to {@code limit} merchants due, skipping those another transaction is taking. */
    public List<UUID> takeDue(int limit) {
        return jdbc.sql("""
                delete from risk.rating_due where merchant_id in (
                    select merchant_id from risk.rating_due order by marked_at, merchant_id limit :limit for update skip locked)
                returning merchant_id
                """)
                .param("limit", limit).query(UUID.class).list();
    }

    public Optional<StoredTier> find(UUID merchantId) {
        return jdbc.sql("select " + STATE_COLUMNS + " from risk.tier_state where merchant_id = :id")
                .param("id", merchantId).query(TierRepository::stored).optional();
    }

    /** Upserts the states in one statement (the override columns are left as they are); ids distinct. */
    public void saveStates(List<StoredTier> states, Instant at) {
        if (states.isEmpty()) {
            return;
        }
        jdbc.sql("""
                insert into risk.tier_state (merchant_id, region_code, sector, tier, tier_since, up_since, up_to, raw_tier,
                    score_centi, scored_on, scored_at, badge_since, at_threshold)
                select s.id, s.region, s.sector, s.tier, s.since, s.up_since, s.up_to, s.raw, s.score, s.scored_on, :at,
                       s.badge, string_to_array(s.thresholds, ',')
                  from unnest(:ids, :regions, :sectors, :tiers, cast(:since as date[]), cast(:upSince as date[]), :upTo,
                              :raw, :scores, cast(:scoredOn as date[]), cast(:badge as date[]), :thresholds)
                       as s(id, region, sector, tier, since, up_since, up_to, raw, score, scored_on, badge, thresholds)
                on conflict (merchant_id) do update set region_code = excluded.region_code, sector = excluded.sector,
                    tier = excluded.tier, tier_since = excluded.tier_since, up_since = excluded.up_since, up_to = excluded.up_to,
                    raw_tier = excluded.raw_tier, score_centi = excluded.score_centi, scored_on = excluded.scored_on,
                    scored_at = excluded.scored_at, badge_since = excluded.badge_since, at_threshold = excluded.at_threshold
                """)
                .param("ids", SqlArrays.uuids(states, StoredTier::merchantId))
                .param("regions", SqlArrays.texts(states, StoredTier::regionCode))
                .param("sectors", SqlArrays.texts(states, StoredTier::sector))
                .param("tiers", SqlArrays.texts(states, t -> t.state().tier()))
                .param("since", SqlArrays.texts(states, t -> t.state().tierSince()))
                .param("upSince", SqlArrays.texts(states, t -> t.state().upSince()))
                .param("upTo", SqlArrays.texts(states, t -> t.state().upTo()))
                .param("raw", SqlArrays.texts(states, StoredTier::rawTier))
                .param("scores", SqlArrays.ints(states, StoredTier::scoreCenti))
                .param("scoredOn", SqlArrays.texts(states, StoredTier::scoredOn))
                .param("badge", SqlArrays.texts(states, StoredTier::badgeSince))
                // factor names have no comma; an empty set is the empty text, which string_to_array turns into {}
                .param("thresholds", SqlArrays.texts(states, t -> String.join(",", t.atThreshold())))
                .param("at", Timestamp.from(at))
                .update();
    }

    /** One day's score of a merchant, as stored for history and the page. */
    public record ScoreRow(UUID merchantId, LocalDate scoredOn, int scoreCenti, RiskTier rawTier, RiskTier tier,
                           List<FactorView> factors) { }

    /** Upserts the day's scores in one statement (a rescore the same day replaces the day's row); ids distinct. */
    public void saveScores(List<ScoreRow> scores) {
        if (scores.isEmpty()) {
            return;
        }
        jdbc.sql("""
                insert into risk.score (merchant_id, scored_on, score_centi, raw_tier, tier, factors)
                select s.id, s.scored_on, s.score, s.raw, s.tier, s.factors::json
                  from unnest(:ids, cast(:scoredOn as date[]), :scores, :raw, :tiers, :factors)
                       as s(id, scored_on, score, raw, tier, factors)
                on conflict (merchant_id, scored_on) do update set score_centi = excluded.score_centi,
                    raw_tier = excluded.raw_tier, tier = excluded.tier, factors = excluded.factors
                """)
                .param("ids", SqlArrays.uuids(scores, ScoreRow::merchantId))
                .param("scoredOn", SqlArrays.texts(scores, ScoreRow::scoredOn))
                .param("scores", SqlArrays.ints(scores, ScoreRow::scoreCenti))
                .param("raw", SqlArrays.texts(scores, ScoreRow::rawTier))
                .param("tiers", SqlArrays.texts(scores, ScoreRow::tier))
                .param("factors", SqlArrays.texts(scores, s -> json.writeValueAsString(s.factors())))
                .update();
    }

    public Optional<ScoreRow> latestScore(UUID merchantId) {
        return jdbc.sql("""
                select merchant_id, scored_on, score_centi, raw_tier, tier, factors from risk.score
                 where merchant_id = :id order by scored_on desc limit 1
                """)
                .param("id", merchantId).query(this::score).optional();
    }

    /** The score history from a day on, oldest first, with each factor's contribution. */
    public List<ScorePoint> history(UUID merchantId, LocalDate from) {
        return jdbc.sql("""
                select merchant_id, scored_on, score_centi, raw_tier, tier, factors from risk.score
                 where merchant_id = :id and scored_on >= :from order by scored_on
                """)
                .param("id", merchantId).param("from", Date.valueOf(from)).query(this::score).list().stream()
                .map(s -> {
                    Map<String, Integer> contributions = new LinkedHashMap<>();
                    s.factors().forEach(f -> contributions.put(f.factor(), f.contributionCenti()));
                    return new ScorePoint(s.scoredOn(), s.scoreCenti(), s.tier(), contributions);
                })
                .toList();
    }

    /** Upserts the terms in one statement; ids distinct. */
    public void saveTerms(List<TermsView> terms) {
        if (terms.isEmpty()) {
            return;
        }
        jdbc.sql("""
                insert into risk.terms (merchant_id, tier, supervision_ratio_bp, advance_cap_minor, deposit_share_bp,
                    insurance_tier, settlement_frequency, payout_day, sales_blocked, block_source, sources, computed_at)
                select t.id, t.tier, t.ratio, t.cap, t.share, t.insurance, t.frequency, t.payout, t.blocked, t.block_source,
                       t.sources::jsonb, t.computed_at
                  from unnest(:ids, :tiers, :ratios, :caps, :shares, :insurance, :frequencies, :payouts, :blocked, :blockSources,
                              :sources, cast(:computedAt as timestamptz[]))
                       as t(id, tier, ratio, cap, share, insurance, frequency, payout, blocked, block_source, sources, computed_at)
                on conflict (merchant_id) do update set tier = excluded.tier,
                    supervision_ratio_bp = excluded.supervision_ratio_bp, advance_cap_minor = excluded.advance_cap_minor,
                    deposit_share_bp = excluded.deposit_share_bp, insurance_tier = excluded.insurance_tier,
                    settlement_frequency = excluded.settlement_frequency, payout_day = excluded.payout_day,
                    sales_blocked = excluded.sales_blocked, block_source = excluded.block_source,
                    sources = excluded.sources, computed_at = excluded.computed_at
                """)
                .param("ids", SqlArrays.uuids(terms, TermsView::merchantId))
                .param("tiers", SqlArrays.texts(terms, TermsView::tier))
                .param("ratios", SqlArrays.ints(terms, TermsView::supervisionRatioBp))
                .param("caps", SqlArrays.longs(terms, t -> t.advanceCap() == null ? null : t.advanceCap().amountMinor()))
                .param("shares", SqlArrays.ints(terms, TermsView::depositShareBp))
                .param("insurance", SqlArrays.texts(terms, TermsView::insuranceTier))
                .param("frequencies", SqlArrays.texts(terms, TermsView::settlementFrequency))
                .param("payouts", SqlArrays.texts(terms, TermsView::payoutDay))
                .param("blocked", SqlArrays.booleans(terms, TermsView::salesBlocked))
                .param("blockSources", SqlArrays.texts(terms, TermsView::blockSource))
                .param("sources", SqlArrays.texts(terms, t -> json.writeValueAsString(t.sources())))
                .param("computedAt", SqlArrays.texts(terms, TermsView::computedAt))
                .update();
    }

    /** One merchant's terms, by primary key (a generic plan of {@code = any(…)} may scan, issue 15). */
    public Optional<TermsView> terms(UUID merchantId) {
        return jdbc.sql("""
                select merchant_id, tier, supervision_ratio_bp, advance_cap_minor, deposit_share_bp, insurance_tier,
                       settlement_frequency, payout_day, sales_blocked, block_source, sources::text, computed_at
                  from risk.terms where merchant_id = :id
                """)
                .param("id", merchantId).query((rs, n) -> termsOf(rs)).optional();
    }

    /**
     * The two terms every purchase applies (the supervision ratio at the order, the advance cap at the issue) and the
     * table row behind the ratio: one probe of the primary key, the sources not parsed (parsing them was ~3% of a
     * purchase's request CPU, issue 15 session 14).
     */
    public record SaleTerms(RiskTier tier, int supervisionRatioBp, String ratioSource, Money advanceCap) { }

    public Optional<SaleTerms> saleTerms(UUID merchantId) {
        return jdbc.sql("""
                select tier, supervision_ratio_bp, sources ->> 'supervisionRatioBp' as ratio_source, advance_cap_minor
                  from risk.terms where merchant_id = :id
                """)
                .param("id", merchantId)
                .query((rs, n) -> {
                    long cap = rs.getLong("advance_cap_minor");
                    Money advanceCap = rs.wasNull() ? null : Money.fen(cap);
                    return new SaleTerms(RiskTier.valueOf(rs.getString("tier")), rs.getInt("supervision_ratio_bp"),
                            rs.getString("ratio_source"), advanceCap);
                })
                .optional();
    }

    public Map<UUID, TermsView> terms(List<UUID> merchantIds) {
        Map<UUID, TermsView> found = new HashMap<>();
        if (merchantIds.isEmpty()) {
            return found;
        }
        jdbc.sql("""
                select merchant_id, tier, supervision_ratio_bp, advance_cap_minor, deposit_share_bp, insurance_tier,
                       settlement_frequency, payout_day, sales_blocked, block_source, sources::text, computed_at
                  from risk.terms where merchant_id = any(cast(:ids as uuid[]))
                """)
                .param("ids", SqlIds.of(merchantIds))
                .query(rs -> {
                    TermsView t = termsOf(rs);
                    found.put(t.merchantId(), t);
                });
        return found;
    }

    public void setOverride(UUID merchantId, MerchantRiskView.Override override) {
        jdbc.sql("""
                update risk.tier_state set override_tier = :tier, override_reason = :reason, override_until = :until,
                    override_by = :by where merchant_id = :id
                """)
                .param("tier", override == null ? null : override.tier().name())
                .param("reason", override == null ? null : override.reason())
                .param("until", override == null ? null : Timestamp.from(override.until()))
                .param("by", override == null ? null : override.by()).param("id", merchantId).update();
    }

    /** Tier counts (and badges) of rated merchants in the scope (a regulator's region and sector). */
    public Map<RiskTier, Long> distribution(MerchantScope scope, Instant now) {
        Map<RiskTier, Long> counts = new EnumMap<>(RiskTier.class);
        jdbc.sql("""
                select case when override_until > :now then override_tier else tier end as t, count(*) from risk.tier_state
                 where true""" + scope.and("merchant_id") + " group by 1")
                .param("now", Timestamp.from(now)).params(scope.params())
                .query(rs -> {
                    counts.put(RiskTier.valueOf(rs.getString(1)), rs.getLong(2));
                });
        return counts;
    }

    public long badges(MerchantScope scope) {
        return jdbc.sql("select count(*) from risk.tier_state where badge_since is not null" + scope.and("merchant_id"))
                .params(scope.params()).query(Long.class).single();
    }

    /** The largest score changes between {@code from} (or the first score after it) and each merchant's latest score. */
    public List<MoverView> movers(MerchantScope scope, LocalDate from, int limit) {
        return jdbc.sql("""
                with latest as (select distinct on (merchant_id) merchant_id, score_centi, tier from risk.score
                                 where scored_on >= :from order by merchant_id, scored_on desc),
                     earliest as (select distinct on (merchant_id) merchant_id, score_centi, tier from risk.score
                                   where scored_on >= :from order by merchant_id, scored_on)
                select l.merchant_id, t.sector, t.region_code, e.score_centi as from_score, l.score_centi as to_score,
                       e.tier as from_tier, l.tier as to_tier
                  from latest l join earliest e using (merchant_id) join risk.tier_state t using (merchant_id)
                 where l.score_centi <> e.score_centi""" + scope.and("l.merchant_id") + """
                 order by abs(l.score_centi - e.score_centi) desc, l.merchant_id limit :limit
                """)
                .param("from", Date.valueOf(from)).params(scope.params()).param("limit", limit)
                .query((rs, n) -> new MoverView(rs.getObject("merchant_id", UUID.class), null, rs.getString("sector"),
                        rs.getString("region_code"), rs.getInt("from_score"), rs.getInt("to_score"),
                        RiskTier.valueOf(rs.getString("from_tier")), RiskTier.valueOf(rs.getString("to_tier"))))
                .list();
    }

    /** Tier and badge of many merchants at once (product pages): merchants never rated are absent. */
    public Map<UUID, StoredTier> tiers(List<UUID> merchantIds) {
        Map<UUID, StoredTier> found = new HashMap<>();
        if (!merchantIds.isEmpty()) {
            jdbc.sql("select " + STATE_COLUMNS + " from risk.tier_state where merchant_id = any(cast(:ids as uuid[]))")
                    .param("ids", SqlIds.of(merchantIds)).query(TierRepository::stored).list().forEach(t -> found.put(t.merchantId(), t));
        }
        return found;
    }

    /** Rated merchants of a tier (in force now) in the scope, lowest score first. */
    public List<StoredTier> ofTier(RiskTier tier, MerchantScope scope, Instant now, int limit) {
        return jdbc.sql("select " + STATE_COLUMNS + """
                  from risk.tier_state
                 where (case when override_until > :now then override_tier else tier end) = :tier""" + scope.and("merchant_id") + """
                 order by score_centi, merchant_id limit :limit
                """)
                .param("now", Timestamp.from(now)).param("tier", tier.name()).params(scope.params()).param("limit", limit)
                .query(TierRepository::stored).list();
    }

    private ScoreRow score(ResultSet rs, int row) throws SQLException {
        return new ScoreRow(rs.getObject("merchant_id", UUID.class), rs.getObject("scored_on", LocalDate.class),
                rs.getInt("score_centi"), RiskTier.valueOf(rs.getString("raw_tier")), RiskTier.valueOf(rs.getString("tier")),
                json.readValue(rs.getString("factors"), FACTORS));
    }

    private TermsView termsOf(ResultSet rs) throws SQLException {
        long cap = rs.getLong("advance_cap_minor");
        Money advanceCap = rs.wasNull() ? null : Money.fen(cap);
        int share = rs.getInt("deposit_share_bp");
        Integer depositShare = rs.wasNull() ? null : share;
        String day = rs.getString("payout_day");
        return new TermsView(rs.getObject("merchant_id", UUID.class), RiskTier.valueOf(rs.getString("tier")),
                rs.getInt("supervision_ratio_bp"), advanceCap, depositShare, rs.getString("insurance_tier"),
                rs.getString("settlement_frequency"), day == null ? null : DayOfWeek.valueOf(day),
                rs.getBoolean("sales_blocked"), rs.getString("block_source"), json.readValue(rs.getString("sources"), SOURCES),
                rs.getTimestamp("computed_at").toInstant());
    }

    private static StoredTier stored(ResultSet rs, int row) throws SQLException {
        String upTo = rs.getString("up_to");
        Date upSince = rs.getDate("up_since");
        TierState state = new TierState(RiskTier.valueOf(rs.getString("tier")), rs.getObject("tier_since", LocalDate.class),
                upSince == null ? null : upSince.toLocalDate(), upTo == null ? null : RiskTier.valueOf(upTo));
        String overrideTier = rs.getString("override_tier");
        MerchantRiskView.Override override = overrideTier == null ? null : new MerchantRiskView.Override(
                RiskTier.valueOf(overrideTier), rs.getString("override_reason"),
                rs.getTimestamp("override_until").toInstant(), rs.getString("override_by"));
        Array thresholds = rs.getArray("at_threshold");
        Set<String> atThreshold = Set.of((String[]) thresholds.getArray());
        return new StoredTier(rs.getObject("merchant_id", UUID.class), rs.getString("region_code"), rs.getString("sector"),
                state, RiskTier.valueOf(rs.getString("raw_tier")), rs.getInt("score_centi"),
                rs.getObject("scored_on", LocalDate.class), rs.getObject("badge_since", LocalDate.class), atThreshold, override);
    }
}
