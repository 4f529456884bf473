package org.fangxin.settlement;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.UUID;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.Ledger;
import org.fangxin.merchant.MerchantApplication;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.merchant.SettlementAccount;
import org.fangxin.shared.Money;
import org.fangxin.testing.TestClock;
import org.fangxin.testing.TestExposure;
import org.fangxin.testing.TestMerchants;

/** Merchants with earned money, posted as the card module will post it (docs/ledger.md), and time travel to run days. */
final class SettlementFixtures {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private final Ledger ledger;
    private final TestMerchants merchants;
    private final TestClock clock;
    private final Merchants facade;

    SettlementFixtures(Ledger ledger, Merchants facade, org.fangxin.identity.Users users, TestClock clock) {
        this.ledger = ledger;
        this.facade = facade;
        this.merchants = new TestMerchants(facade, users);
        this.clock = clock;
    }

    TestMerchants testMerchants() {
        return merchants;
    }

    TestMerchants.Created merchant(Sector sector) {
        return merchants.activeMerchant(sector, "410200");
    }

    /** An active merchant whose settlement account the sandbox bank treats as closed (ends in 0000). */
    TestMerchants.Created merchantWithClosedAccount() {
        MerchantApplication a = merchants.application(Sector.SPORTS_FITNESS, "410200");
        String closed = a.settlementAccount().accountNumber().substring(0, 12) + "0000";
        MerchantApplication application = new MerchantApplication(a.legalName(), a.creditCode(), a.sector(), a.regionCode(),
                a.stores(), new SettlementAccount(a.settlementAccount().accountName(), a.settlementAccount().bankName(), closed),
                a.flags(), a.ownerUsername(), a.ownerPassword(), a.ownerDisplayName(), a.contactMobile());
        var pending = merchants.pendingMerchant(application);
        return new TestMerchants.Created(facade.approve(merchants.operator(), pending.id()), pending.owner(),
                pending.password());
    }

    /**
     * A consumer buys a card for {@code paid} (into the merchant's escrow) and redeems {@code redeemed} of it:
     * purchase, escrow funding and redemption, as the card module posts them.
     */
    void purchaseAndRedeem(UUID merchantId, long paid, long redeemed) {
        new TestExposure(ledger).earn(merchantId, paid, redeemed);
    }

    Money balance(AccountType type, UUID owner) {
        return ledger.findAccount(type, owner, Money.CNY).map(a -> a.normalBalance()).orElse(Money.fen(0));
    }

    /** Moves the clock forward to 02:00 Shanghai on the next day (after today) that is {@code accepted}. */
    LocalDate advanceToNext(java.util.function.Predicate<LocalDate> accepted) {
        LocalDate date = LocalDate.ofInstant(clock.instant(), SHANGHAI).plusDays(1);
        while (!accepted.test(date)) {
            date = date.plusDays(1);
        }
        clock.advance(Duration.between(clock.instant(), date.atTime(LocalTime.of(2, 0)).atZone(SHANGHAI).toInstant()));
        return date;
    }

    LocalDate advanceToNextBusinessDay() {
        return advanceToNext(d -> d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY);
    }

    LocalDate advanceToNext(DayOfWeek day) {
        return advanceToNext(d -> d.getDayOfWeek() == day);
    }
}
