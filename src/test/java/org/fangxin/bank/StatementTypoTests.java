package org.fangxin.bank;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.fangxin.bank.format.BankReferences;
import org.fangxin.bank.sandbox.SandboxBank;
import org.fangxin.catalog.Products;
import org.fangxin.identity.Users;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.Ledger;
import org.fangxin.ledger.PostedEntry;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.payment.Payments;
import org.fangxin.payment.sandbox.SandboxGateway;
import org.fangxin.settlement.Settlements;
import org.fangxin.shared.Money;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestCards;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 13, item 11: a statement line 0.01 off an escrow movement (a purchase's funding, whose posting key is too long
 * to travel as an end-to-end id) is reported as one amount mismatch, not a bank-only and a ledger-only break.
 */
class StatementTypoTests extends IntegrationTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired SandboxBank sandbox;
    @Autowired BankExchange exchange;
    @Autowired Settlements settlements;
    @Autowired Ledger ledger;
    @Autowired Merchants merchants;
    @Autowired Users accounts;
    @Autowired Products products;
    @Autowired Payments payments;
    @Autowired SandboxGateway gateway;
    @Autowired JdbcClient jdbc;

    @Test
    void aTypoInAnEscrowFundingLineIsOneAmountMismatch() {
        // The sandbox writes one statement per day, and the test database outlives runs that restart the clock: take a
        // day no run is likely to have written a statement for yet.
        clock.advance(Duration.ofDays(200 + java.util.concurrent.ThreadLocalRandom.current().nextInt(400)));
        LocalDate day = LocalDate.ofInstant(clock.instant(), SHANGHAI);
        clock.set(day.atTime(10, 0).atZone(SHANGHAI).toInstant());
        var gym = new TestMerchants(merchants, accounts).activeMerchant(Sector.SPORTS_FITNESS, "410200");
        String subAccount = exchange.subAccountOf(gym.id());
        sandbox.openAccount(subAccount);
        clock.advance(Duration.ofMinutes(1)); // the purchase comes after the opening balance
        new TestCards(products, payments, gateway, jdbc, users, this::api).buyPass(gym, Money.yuan(300));
        PostedEntry funding = ledger.latestEntries(ledger.findAccount(AccountType.ESCROW, gym.id(), Money.CNY).orElseThrow().id(), 5)
                .stream().filter(e -> e.postingKey().startsWith("escrow-funding:")).findFirst().orElseThrow();
        String reference = BankReferences.of(funding.postingKey(), funding.entry().transferId());
        assertThat(reference).startsWith("FT").hasSize(34);
        sandbox.injectFault(SandboxBank.Fault.AMOUNT_TYPO, reference, 1);

        clock.set(day.atTime(23, 30).atZone(SHANGHAI).toInstant());
        sandbox.endOfDay(day);
        settlements.exchangeWithBank();

        assertThat(jdbc.sql("select count(*) from bank.statement_line where account_number = :a").param("a", subAccount)
                .query(Long.class).single()).as("the day's statement lists the sub-account").isPositive();
        var kinds = jdbc.sql("select kind from bank.reconciliation_break where account_number = :a order by kind")
                .param("a", subAccount).query(String.class).list();
        assertThat(kinds).containsExactly("AMOUNT_MISMATCH");
    }
}
