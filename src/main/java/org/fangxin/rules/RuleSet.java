package org.fangxin.rules;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.fangxin.shared.Money;

/**
 * The rules in force for one region × sector on one day: the national default merged with regional and sector rows.
 * A more specific row's non-null value replaces a general one; required clauses and banned phrases accumulate.
 * {@code sources} names, per field (and per {@code bannedPhrases:<phrase>} / {@code requiredClauses:<code>}), the
 * published source of the row that supplied the value. Evaluation is pure: no clock, no database.
 */
public record RuleSet(String regionCode, String sector, LocalDate on, RuleValues values, Map<String, String> sources) {

    /** A day-counted term is within N months when it is at most 31·N days (no calendar span of N months is longer). */
    static final int DAYS_PER_MONTH_MAX = 31;

    public RuleSet {
        sources = Map.copyOf(sources);
    }

    /** Merges rows (any order) for the given region and sector; rows of other regions or sectors must not be passed. */
    public static RuleSet merge(String regionCode, String sector, LocalDate on, List<RuleRow> rows) {
        return merge(regionCode, sector, List.of(), on, rows);
    }

    /**
     * Merges rows of a region and a sector and its sub-sectors (rows of a sub-sector, a sector's products for one
     * audience, outrank the sector's rows).
     */
    public static RuleSet merge(String regionCode, String sector, List<String> subSectors, LocalDate on, List<RuleRow> rows) {
        Map<String, Object> scalars = new LinkedHashMap<>(RuleValues.NONE.scalars());
        LinkedHashSet<String> clauses = new LinkedHashSet<>();
        LinkedHashSet<String> phrases = new LinkedHashSet<>();
        Map<String, String> sources = new LinkedHashMap<>();
        Comparator<RuleRow> general = Comparator.comparingInt(row -> row.specificity(
                RuleRow.ANY.equals(row.sector()) ? 0 : subSectors.contains(row.sector()) ? 2 : 1));
        for (RuleRow row : rows.stream().sorted(general).toList()) {
            row.values().scalars().forEach((field, value) -> {
                if (value != null) {
                    scalars.put(field, value);
                    sources.put(field, row.source());
                }
            });
            for (String clause : row.values().requiredClauses()) {
                if (clauses.add(clause)) {
                    sources.put("requiredClauses:" + clause, row.source());
                }
            }
            if (!row.values().bannedPhrases().isEmpty()) {
                sources.putIfAbsent("bannedPhrases", row.source());
            }
            for (String phrase : row.values().bannedPhrases()) {
                if (phrases.add(phrase)) {
                    sources.put("bannedPhrases:" + phrase, row.source());
                }
            }
        }
        return new RuleSet(regionCode, sector, on,
                RuleValues.fromScalars(scalars, List.copyOf(clauses), List.copyOf(phrases)), sources);
    }

    /** The table's supervision ratio; unset means everything stays in escrow ({@link SupervisionRatio#FULL_BP}). */
    public SupervisionRatio supervisionRatio() {
        Integer bp = values.supervisionRatioBp();
        return bp == null ? new SupervisionRatio(SupervisionRatio.FULL_BP, SupervisionRatio.UNSET_SOURCE)
                : new SupervisionRatio(bp, sourceOf("supervisionRatioBp"));
    }

    public String sourceOf(String field) {
        return sources.getOrDefault(field, "");
    }

    /** Every rule the proposal breaks; empty when it may be sold. */
    public List<Violation> check(ProductProposal proposal) {
        List<Violation> violations = new ArrayList<>();
        RuleValues v = values;
        int coolingOff = proposal.coolingOffDays() == null ? 0 : proposal.coolingOffDays();
        if (v.coolingOffDaysMin() != null && coolingOff < v.coolingOffDaysMin()) {
            violations.add(violation(Violation.COOLING_OFF_TOO_SHORT, "coolingOffDaysMin", v.coolingOffDaysMin() + "", coolingOff + "",
                    "the cooling-off period must be at least " + v.coolingOffDaysMin() + " days"));
        }
        int fee = proposal.refundFeeBp() == null ? 0 : proposal.refundFeeBp();
        if (v.refundFeeCapBp() != null && fee > v.refundFeeCapBp()) {
            violations.add(violation(Violation.REFUND_FEE_ABOVE_CAP, "refundFeeCapBp", v.refundFeeCapBp() + "", fee + "",
                    "the refund fee may be at most " + v.refundFeeCapBp() + " basis points"));
        }
        checkAmount(proposal.kind(), proposal.price(), violations);
        checkTerm(proposal, violations);
        if (proposal.kind() == ProductProposal.Kind.SESSION_PACK && v.sessionsMax() != null
                && proposal.sessions() != null && proposal.sessions() > v.sessionsMax()) {
            violations.add(violation(Violation.SESSIONS_ABOVE_CAP, "sessionsMax", v.sessionsMax() + "", proposal.sessions() + "",
                    "one charge may cover at most " + v.sessionsMax() + " sessions"));
        }
        for (String clause : v.requiredClauses()) {
            if (!proposal.clausesPresent().contains(clause)) {
                violations.add(new Violation(Violation.CLAUSE_MISSING, "requiredClauses", clause, "",
                        "the contract must state " + clause, sourceOf("requiredClauses:" + clause)));
            }
        }
        if (!proposal.transferable()) {
            violations.add(new Violation(Violation.TRANSFER_BANNED, "bannedPhrases", "transferable", "not transferable",
                    "a ban on transferring the card is a void clause", sourceOf("bannedPhrases")));
        }
        violations.addAll(bannedPhrasesIn(proposal.texts()));
        return List.copyOf(violations);
    }

    /** The banned phrases found in the given texts, one violation per phrase. */
    public List<Violation> bannedPhrasesIn(List<String> texts) {
        List<Violation> found = new ArrayList<>();
        for (String phrase : values.bannedPhrases()) {
            for (String text : texts) {
                if (text != null && contains(text, phrase)) {
                    found.add(new Violation(Violation.BANNED_CLAUSE, "bannedPhrases", phrase, phrase,
                            "the contract contains the banned clause \"" + phrase + "\"", sourceOf("bannedPhrases:" + phrase)));
                    break;
                }
            }
        }
        // "概不退款" also contains "不退款": report the longest phrase only, once.
        return found.stream().filter(v -> found.stream().noneMatch(other -> other != v
                && other.limit().length() > v.limit().length() && contains(other.limit(), v.limit()))).toList();
    }

    /** Re-checks the caps when a consumer buys: single amount, the consumer's total at the merchant, real-name need. */
    public List<Violation> checkPurchase(PurchaseProposal purchase) {
        List<Violation> violations = new ArrayList<>();
        checkAmount(purchase.kind(), purchase.amount(), violations);
        Long totalMax = values.consumerTotalMaxMinor();
        long total = Math.addExact(purchase.heldAtMerchant().amountMinor(), purchase.amount().amountMinor());
        if (totalMax != null && total > totalMax) {
            violations.add(violation(Violation.CONSUMER_TOTAL_ABOVE_CAP, "consumerTotalMaxMinor", fen(totalMax), fen(total),
                    "one consumer may hold at most " + fen(totalMax) + " prepaid at one merchant, renewals counted"));
        }
        Long threshold = values.realNameThresholdMinor();
        if (threshold != null && purchase.amount().amountMinor() >= threshold && !purchase.buyerRealNameVerified()) {
            violations.add(violation(Violation.REAL_NAME_REQUIRED, "realNameThresholdMinor", fen(threshold),
                    fen(purchase.amount().amountMinor()), "a purchase of " + fen(threshold) + " or more needs a real-name buyer"));
        }
        return List.copyOf(violations);
    }

    private void checkAmount(ProductProposal.Kind kind, Money amount, List<Violation> violations) {
        long paid = amount.amountMinor();
        capAmount("purchaseAmountMaxMinor", values.purchaseAmountMaxMinor(), paid, violations);
        switch (kind) {
            case SESSION_PACK -> capAmount("sessionPackAmountMaxMinor", values.sessionPackAmountMaxMinor(), paid, violations);
            case PERIOD_PASS -> capAmount("periodPassAmountMaxMinor", values.periodPassAmountMaxMinor(), paid, violations);
            case STORED_VALUE -> capAmount("storedValueMaxMinor", values.storedValueMaxMinor(), paid, violations);
        }
    }

    private void capAmount(String field, Long cap, long paid, List<Violation> violations) {
        if (cap != null && paid > cap) {
            violations.add(violation(Violation.AMOUNT_ABOVE_CAP, field, fen(cap), fen(paid),
                    "one charge may be at most " + fen(cap)));
        }
    }

    private void checkTerm(ProductProposal proposal, List<Violation> violations) {
        if (proposal.kind() == ProductProposal.Kind.STORED_VALUE) {
            return;
        }
        Integer monthsMax = values.termMonthsMax();
        String field = "termMonthsMax";
        Integer membershipMax = values.periodPassTermMonthsMax();
        if (proposal.kind() == ProductProposal.Kind.PERIOD_PASS && membershipMax != null
                && (monthsMax == null || membershipMax < monthsMax)) {
            monthsMax = membershipMax;
            field = "periodPassTermMonthsMax";
        }
        if (monthsMax == null) {
            return;
        }
        if (proposal.termMonths() != null && proposal.termMonths() > monthsMax) {
            violations.add(violation(Violation.TERM_ABOVE_CAP, field, monthsMax + "", proposal.termMonths() + "",
                    "one charge may cover at most " + monthsMax + " months"));
        } else if (proposal.termMonths() == null && proposal.termDays() != null
                && proposal.termDays() > (long) monthsMax * DAYS_PER_MONTH_MAX) {
            violations.add(violation(Violation.TERM_DAYS_ABOVE_CAP, field, monthsMax * DAYS_PER_MONTH_MAX + "",
                    proposal.termDays() + "", "one charge may cover at most " + monthsMax + " months (" + monthsMax * DAYS_PER_MONTH_MAX + " days)"));
        }
    }

    private Violation violation(String rule, String field, String limit, String actual, String detail) {
        return new Violation(rule, field, limit, actual, detail, sourceOf(field));
    }

    private static String fen(long amountMinor) {
        return Money.fen(amountMinor).format();
    }

    /** Phrase search that ignores case, full-width forms and whitespace (so "概 不 退 款" is caught too). */
    static boolean contains(String text, String phrase) {
        String needle = squeeze(phrase);
        return !needle.isEmpty() && squeeze(text).contains(needle);
    }

    private static String squeeze(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(java.util.Locale.ROOT).replaceAll("[\\s\\p{Z}]+", "");
    }
}
