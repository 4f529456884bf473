package org.fangxin.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.fangxin.shared.Money;

/** The seeded defaults of domain.md §4 as rows, for tests that need a rule set without a database. */
public final class RuleFixtures {

    public static final LocalDate DAY = LocalDate.of(2026, 3, 2);
    public static final String SHANGHAI_DISTRICT = "310105";
    public static final String BEIJING_DISTRICT = "110105";

    public static final RuleRow NATIONAL = row("*", "*", new RuleValues(7, null, null, null, 500_000L, null, null, null,
            4000, 1_000_000L, null,
            List.of("PARTIES", "ESCROW_ACCOUNT", "AMOUNT_AND_PAYMENT", "PERFORMANCE_GUARANTEE", "CONTENT_PLACE_QUANTITY",
                    "PRICE_AND_DEDUCTION", "TERM", "REFUND_METHOD", "DISPUTE_RESOLUTION"),
            List.of("概不退款", "不退款", "不予退款", "不补办", "解释权归", "最终解释权", "不得转让", "不可转让", "禁止转让",
                    "no refund", "non-refundable", "final interpretation", "not transferable", "non-transferable",
                    "no replacement")), "national");
    public static final RuleRow EDUCATION = row("*", "EDUCATION", new RuleValues(null, null, null, null, null, null, 3, 60,
            10000, null, null, null, null), "教监管函〔2021〕2号");
    public static final RuleRow BEIJING_YOUTH_SPORTS = row("110000", "YOUTH_SPORTS", new RuleValues(null, 500_000L, null, null,
            null, null, 3, 60, 10000, null, null, null, null), "京体产业字〔2023〕12号");
    public static final RuleRow SHANGHAI_GYMS = row("310000", "SPORTS_FITNESS", new RuleValues(null, null, 2_000_000L, 500_000L,
            500_000L, 2_000_000L, null, 60, null, null, null, null, null, 24), "沪体规文〔2025〕1号");

    private RuleFixtures() {
    }

    public static RuleRow row(String region, String sector, RuleValues values, String source) {
        return new RuleRow(UUID.randomUUID(), region, sector, 1, LocalDate.of(2025, 1, 1), values, source,
                Instant.parse("2025-01-01T00:00:00Z"), "test");
    }

    /** The merged rules the seeded table gives a region × sector. */
    public static RuleSet rules(String region, String sector) {
        List<RuleRow> rows = List.of(NATIONAL, EDUCATION, BEIJING_YOUTH_SPORTS, SHANGHAI_GYMS).stream()
                .filter(row -> row.regionCode().equals("*") || RegionCodes.lineage(region).contains(row.regionCode()))
                .filter(row -> row.sector().equals("*") || row.sector().equals(sector))
                .toList();
        return RuleSet.merge(region, sector, DAY, rows);
    }

    /** A proposal that satisfies the national default: all clauses, 7 days cooling-off, transferable, clean text. */
    public static ProductProposal proposal(ProductProposal.Kind kind, long priceYuan, Integer sessions, Integer termMonths) {
        return new ProductProposal(kind, Money.yuan(priceYuan), sessions, termMonths, null, 7, 0, true,
                Set.copyOf(Clauses.ALL), List.of("Refunds pro rata at any time."));
    }
}
