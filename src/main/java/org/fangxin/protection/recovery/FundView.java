package org.fangxin.protection.recovery;

import java.time.Instant;
import java.util.List;
import org.fangxin.shared.Money;

/**
 * The platform guarantee fund: its balance and latest movements from the ledger (each with its posting key: top-ups,
 * compensation paid from the fund, insurers' claim payments, recoveries from merchants), and the recorded top-ups.
 */
public record FundView(Money balance, List<Movement> movements, List<FundTopUpView> topUps) {

    /** One ledger entry of the fund; {@code amount} positive when money came in. */
    public record Movement(String postingKey, String kind, Money amount, Instant postedAt) { }
}
