package org.fangxin.rules.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.fangxin.rules.RuleChange;
import org.fangxin.rules.RuleRow;
import org.fangxin.rules.RuleValues;
import org.fangxin.shared.Money;
import org.fangxin.shared.MoneyFormat;
import org.fangxin.shared.Rejection;

/**
 * The rule editor's fields as typed: amounts in yuan, ratios in basis points, lists one item per line. An empty field
 * means "not set in this row" (inherit, or no limit when no row sets it).
 */
public record RuleForm(String regionCode, String sector, String coolingOffDaysMin, String purchaseAmountMaxYuan,
                       String sessionPackAmountMaxYuan, String periodPassAmountMaxYuan, String storedValueMaxYuan,
                       String consumerTotalMaxYuan, String termMonthsMax, String sessionsMax, String supervisionRatioBp,
                       String realNameThresholdYuan, String refundFeeCapBp, String requiredClauses, String bannedPhrases,
                       String source, String effectiveFrom, String periodPassTermMonthsMax) {

    static RuleForm of(String regionCode, String sector, RuleRow row) {
        if (row == null) {
            return new RuleForm(regionCode, sector, "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "");
        }
        RuleValues v = row.values();
        return new RuleForm(regionCode, sector, text(v.coolingOffDaysMin()), yuan(v.purchaseAmountMaxMinor()),
                yuan(v.sessionPackAmountMaxMinor()), yuan(v.periodPassAmountMaxMinor()), yuan(v.storedValueMaxMinor()),
                yuan(v.consumerTotalMaxMinor()), text(v.termMonthsMax()), text(v.sessionsMax()), text(v.supervisionRatioBp()),
                yuan(v.realNameThresholdMinor()), text(v.refundFeeCapBp()), String.join("\n", v.requiredClauses()),
                String.join("\n", v.bannedPhrases()), row.source(), "", text(v.periodPassTermMonthsMax()));
    }

    /** The change the form asks for; unreadable numbers are refused naming the field. */
    RuleChange change() {
        RuleValues values = new RuleValues(integer(coolingOffDaysMin, "coolingOffDaysMin"), fen(purchaseAmountMaxYuan, "purchaseAmountMaxYuan"),
                fen(sessionPackAmountMaxYuan, "sessionPackAmountMaxYuan"), fen(periodPassAmountMaxYuan, "periodPassAmountMaxYuan"),
                fen(storedValueMaxYuan, "storedValueMaxYuan"), fen(consumerTotalMaxYuan, "consumerTotalMaxYuan"),
                integer(termMonthsMax, "termMonthsMax"), integer(sessionsMax, "sessionsMax"),
                integer(supervisionRatioBp, "supervisionRatioBp"), fen(realNameThresholdYuan, "realNameThresholdYuan"),
                integer(refundFeeCapBp, "refundFeeCapBp"), lines(requiredClauses), lines(bannedPhrases),
                integer(periodPassTermMonthsMax, "periodPassTermMonthsMax"));
        LocalDate from;
        try {
            from = effectiveFrom == null || effectiveFrom.isBlank() ? null : LocalDate.parse(effectiveFrom.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw Rejection.invalid("effectiveFrom", "effectiveFrom must be a date like 2026-07-01");
        }
        return new RuleChange(values, source == null ? "" : source, from);
    }

    private static List<String> lines(String text) {
        if (text == null) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        Arrays.stream(text.split("[\\r\\n]+")).map(String::strip).filter(s -> !s.isEmpty()).forEach(items::add);
        return items;
    }

    private static Integer integer(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw Rejection.invalid(field, field + " must be a whole number");
        }
    }

    private static Long fen(String value, String field) {
        Money amount = MoneyFormat.parseOptionalYuan(field, value);
        return amount == null ? null : amount.amountMinor();
    }

    private static String text(Integer value) {
        return value == null ? "" : value.toString();
    }

    private static String yuan(Long fen) {
        return fen == null ? "" : java.math.BigDecimal.valueOf(fen, 2).stripTrailingZeros().toPlainString();
    }

    static String money(Long fen) {
        return Money.fen(fen).format();
    }
}
