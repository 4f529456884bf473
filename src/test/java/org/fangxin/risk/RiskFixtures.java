package org.fangxin.risk;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.fangxin.identity.ApiKeys;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.merchant.domain.CreditCode;
import org.springframework.context.ApplicationContext;

/** Feed files and providers for risk tests: a DATA_PROVIDER user with an API key, CSV lines in the documented layout. */
final class RiskFixtures {

    static final String HEADER = "creditCode,type,period,value,status,reference,note\n";
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    private final Users users;
    private final ApiKeys keys;

    RiskFixtures(ApplicationContext context) {
        this.users = context.getBean(Users.class);
        this.keys = context.getBean(ApiKeys.class);
    }

    /** A DATA_PROVIDER system user and its API key (the secret, shown once). */
    String providerKey() {
        UserAccount operator = users.create("op-" + UUID.randomUUID().toString().substring(0, 12), "test-password-1",
                "operator", Role.OPERATOR, null, null);
        UserAccount provider = users.create("tax-bureau-" + UUID.randomUUID().toString().substring(0, 8), "test-password-1",
                "税务局 Tax bureau", Role.DATA_PROVIDER, null, null);
        return keys.create(operator.actor(), provider.id(), "monthly tax feed").key();
    }

    /** A valid credit code no merchant has (region Kaifeng, organisation part random). */
    static String unknownCreditCode() {
        String first17 = "92410200" + String.format("%09d", SEQUENCE.incrementAndGet() % 1_000_000_000L);
        return first17 + CreditCode.checkCharacter(first17);
    }

    static String monthly(String code, String type, YearMonth month, long value) {
        return code + "," + type + "," + month + "," + value + ",,,\n";
    }

    static String dated(String code, String type, String day, String status, String reference) {
        return code + "," + type + "," + day + ",," + status + "," + reference + ",\n";
    }

    /** Twelve months of a steady merchant ending with {@code last}: tax, headcount and utility. */
    static String steadyYear(String code, YearMonth last, long taxFen, long headcount, long kwh) {
        List<String> lines = new ArrayList<>();
        for (int i = 11; i >= 0; i--) {
            YearMonth month = last.minusMonths(i);
            lines.add(monthly(code, "TAX_PAID", month, taxFen));
            lines.add(monthly(code, "SOCIAL_INSURANCE_HEADCOUNT", month, headcount));
            lines.add(monthly(code, "UTILITY_CONSUMPTION", month, kwh));
        }
        return String.join("", lines);
    }
}
