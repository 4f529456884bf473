package org.fangxin.bank.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fangxin.ledger.EntryLine.credit;
import static org.fangxin.ledger.EntryLine.debit;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.fangxin.bank.BankExchange;
import org.fangxin.bank.reconciliation.BreakView;
import org.fangxin.bank.reconciliation.CertificateView;
import org.fangxin.bank.reconciliation.Reconciliations;
import org.fangxin.bank.reconciliation.domain.BreakKind;
import org.fangxin.bank.sandbox.SandboxBank;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.identity.Users;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.Ledger;
import org.fangxin.ledger.NewTransfer;
import org.fangxin.merchant.MerchantApplication;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.merchant.SettlementAccount;
import org.fangxin.notification.Notifications;
import org.fangxin.settlement.PayoutStatus;
import org.fangxin.settlement.PayoutView;
import org.fangxin.settlement.Settlements;
import org.fangxin.shared.Money;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestExposure;
import org.fangxin.testing.TestMerchants;
import org.fangxin.testing.Eventually;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A month of the loop with the sandbox bank, day by day on the test clock: consumers buy and redeem, settlement runs
 * send pain.001 files, the bank executes them a business day later with a fee each, returns the payout to a closed
 * account, and writes a camt.053 every evening with injected faults (duplicate line, missing line, amount typo); the
 * platform applies pain.002 and camt.053, books the fees, reconciles each statement. Every clean line matches, every
 * fault is flagged exactly once, the breaks are worked through the maker-checker workflow and the certificate of the
 * last day shows bank = ledger.
 */
@Tag("journey")
class BankFileJourneyTests extends IntegrationTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final int DAYS = 30;
    static final long FEE = 200;

    @Autowired Settlements settlements;
    @Autowired SandboxBank sandbox;
    @Autowired BankExchange exchange;
    @Autowired Reconciliations reconciliations;
    @Autowired Ledger ledger;
    @Autowired Merchants merchantFacade;
    @Autowired Users userFacade;
    @Autowired Notifications notifications;
    @Autowired JdbcClient jdbc;

    @Test
    void aMonthOfPayoutFilesAndStatementsReconcilesToTheFenWithEveryInjectedFaultFlaggedOnce() {
        TestMerchants merchants = new TestMerchants(merchantFacade, userFacade);
        Actor operator = merchants.operator();
        Actor checker = merchants.operator();
        var gym = merchants.activeMerchant(Sector.SPORTS_FITNESS, "410200");
        var salon = merchants.activeMerchant(Sector.BEAUTY, "410200");
        var cafe = merchants.activeMerchant(Sector.CATERING, "410200");
        var closed = closedAccountMerchant(merchants);
        List<TestMerchants.Created> all = List.of(gym, salon, cafe, closed);

        sandbox.configure(1, FEE);
        sandbox.rejectNext(0, "MS03", "no injected returns left over from other tests");
        try {
            // The platform funds its operating account (fees are charged there); the bank opens the accounts.
            var cash = ledger.open(AccountType.PLATFORM_OPERATING_CASH, null, Money.CNY).id();
            var equity = ledger.open(AccountType.PLATFORM_EQUITY, null, Money.CNY).id();
            ledger.post(NewTransfer.of("operating-funding:" + UUID.randomUUID(), "journey: operating cash",
                    debit(cash, Money.yuan(10_000)), credit(equity, Money.yuan(10_000))));
            sandbox.openAccount(exchange.operatingAccount());
            Map<UUID, String> accountOf = new HashMap<>();
            for (var m : all) {
                accountOf.put(m.id(), exchange.subAccountOf(m.id()));
                sandbox.openAccount(accountOf.get(m.id()));
            }
            Set<String> ours = Set.copyOf(accountOf.values());

            Random random = new Random(20260301);
            LocalDate first = LocalDate.ofInstant(clock.instant(), SHANGHAI).plusDays(1);
            Map<BreakKind, String> injected = new HashMap<>();
            // The month ends on a weekday, so the last statement also lists the day's executions and their fees.
            LocalDate last = first.plusDays(DAYS - 1);
            while (last.getDayOfWeek() == DayOfWeek.SATURDAY || last.getDayOfWeek() == DayOfWeek.SUNDAY) {
                last = last.plusDays(1);
            }
            for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                at(day, LocalTime.of(1, 0));
                for (var m : all) {
                    long paid = 10_000 + random.nextInt(90_000);
                    new TestExposure(ledger).earn(m.id(), paid, paid / (2 + random.nextInt(4)));
                }
                at(day, LocalTime.of(3, 0));
                settlements.runDue();
                injectFaults(day, gym.id(), salon.id(), cafe.id(), injected);
                at(day, LocalTime.of(10, 0));
                sandbox.process();
                settlements.exchangeWithBank();
                at(day, LocalTime.of(23, 30));
                sandbox.endOfDay(day);
                settlements.exchangeWithBank();
            }
            assertThat(injected).containsOnlyKeys(BreakKind.DUPLICATE, BreakKind.LEDGER_ONLY, BreakKind.AMOUNT_MISMATCH);

            // Returned payouts (the next run instructed again before the bank's return came): each back to payable
            // once, never confirmed, marked RETURNED with the bank's reason, the owner asked once per payout; then held.
            List<PayoutView> closedPayouts = settlements.payouts(operator, closed.id(), null, 0, 100);
            List<PayoutView> returned = closedPayouts.stream().filter(p -> p.status() == PayoutStatus.RETURNED).toList();
            assertThat(returned).hasSizeBetween(1, 2);
            for (PayoutView payout : returned) {
                assertThat(payout.returnCode()).isEqualTo(SandboxBank.CLOSED_ACCOUNT_CODE);
                assertThat(ledger.findTransfer("payout-returned:" + payout.id())).isPresent();
                assertThat(ledger.findTransfer("payout-confirmed:" + payout.id())).isEmpty();
            }
            assertThat(closedPayouts).filteredOn(p -> p.status() == PayoutStatus.HELD).hasSizeGreaterThan(10)
                    .allSatisfy(p -> assertThat(p.holdReason()).contains("corrected account"));
            Eventually.holds(() -> assertThat(notifications.inbox(closed.ownerActor(), 50))
                    .filteredOn(n -> n.subject().contains("退回")).hasSize(returned.size())); // after commit (ADR 11)
            Money payable = ledger.findAccount(AccountType.MERCHANT_PAYABLE, closed.id(), Money.CNY).orElseThrow().normalBalance();
            Money returnedTotal = returned.stream().map(PayoutView::amount).reduce(Money.zero(Money.CNY), Money::plus);
            assertThat(payable.amountMinor()).as("returned money is payable again").isGreaterThanOrEqualTo(returnedTotal.amountMinor());

            // Every executed payout of ours: confirmed once, its fee booked once.
            List<PayoutView> confirmed = new ArrayList<>();
            for (var m : List.of(gym, salon, cafe)) {
                confirmed.addAll(settlements.payouts(operator, m.id(), PayoutStatus.CONFIRMED, 0, 100));
                assertThat(settlements.payouts(operator, m.id(), PayoutStatus.INSTRUCTED, 0, 100)).as("executed within the month except the last day's").hasSizeLessThanOrEqualTo(1);
            }
            assertThat(confirmed).hasSizeGreaterThan(30);
            for (PayoutView payout : confirmed) {
                assertThat(ledger.findTransfer("bank-fee:C" + payout.endToEndId())).as("fee of " + payout.endToEndId()).isPresent();
            }

            // Reconciliation: on our accounts exactly the three injected faults are breaks, nothing else.
            List<BreakView> breaks = reconciliations.openBreaks(operator).stream().filter(b -> ours.contains(b.accountNumber())).toList();
            assertThat(breaks).extracting(BreakView::kind)
                    .containsExactlyInAnyOrder(BreakKind.DUPLICATE, BreakKind.LEDGER_ONLY, BreakKind.AMOUNT_MISMATCH);
            assertThat(breaks).allSatisfy(b -> assertThat(b.accountNumber()).isEqualTo(injected.get(b.kind())));
            assertThat(reconciliations.openBreaks(operator)).noneMatch(b -> b.accountNumber().equals(exchange.operatingAccount()));
            assertThat(returnPairMatches(accountOf.get(closed.id()))).isEqualTo(2 * returned.size());
            assertThat(reconciliations.certificate(operator, last).accounts()).filteredOn(l -> ours.contains(l.accountNumber()))
                    .hasSize(4).anyMatch(l -> l.status() == CertificateView.Status.RED);

            // Worked through the workflow: the bank's file was wrong each time, its balances were right.
            for (BreakView b : breaks) {
                reconciliations.assign(operator, b.id(), null);
                reconciliations.explain(operator, b.id(), "bank statement fault (" + b.kind() + "); balance confirmed with the bank");
                reconciliations.resolve(operator, b.id(), null);
                reconciliations.approve(checker, b.id());
            }

            CertificateView certificate = reconciliations.certificate(operator, last);
            List<CertificateView.AccountLine> lines = certificate.accounts().stream().filter(l -> ours.contains(l.accountNumber())).toList();
            assertThat(lines).hasSize(4).allSatisfy(l -> {
                assertThat(l.status()).isEqualTo(CertificateView.Status.GREEN);
                assertThat(l.bankClosing()).isEqualTo(l.ledgerEscrow());
            });
            for (var m : all) {
                Money escrow = ledger.findAccount(AccountType.ESCROW, m.id(), Money.CNY).orElseThrow().normalBalance();
                assertThat(lines).filteredOn(l -> l.merchantId().equals(m.id())).singleElement()
                        .satisfies(l -> assertThat(l.bankClosing()).isEqualTo(escrow));
            }
            assertThat(certificate.accounts()).filteredOn(l -> l.accountNumber().equals(exchange.operatingAccount()))
                    .singleElement().satisfies(l -> assertThat(l.status()).isEqualTo(CertificateView.Status.GREEN));
            assertThat(ledger.checkInvariants().holds()).isTrue();
        } finally {
            sandbox.configure(null, null);
        }
    }

    /** Day 3+ (first payouts executed on business days): one fault of each kind on three different merchants. */
    private void injectFaults(LocalDate day, UUID duplicated, UUID missing, UUID typo, Map<BreakKind, String> injected) {
        if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return;
        }
        Actor operator = new TestMerchants(merchantFacade, userFacade).operator();
        inject(operator, day, duplicated, SandboxBank.Fault.DUPLICATE_LINE, 0, BreakKind.DUPLICATE, injected);
        if (injected.containsKey(BreakKind.DUPLICATE) && !injected.containsKey(BreakKind.LEDGER_ONLY) && day.getDayOfMonth() % 2 == 0) {
            inject(operator, day, missing, SandboxBank.Fault.MISSING_LINE, 0, BreakKind.LEDGER_ONLY, injected);
        }
        if (injected.containsKey(BreakKind.LEDGER_ONLY) && !injected.containsKey(BreakKind.AMOUNT_MISMATCH) && day.getDayOfMonth() % 2 == 1) {
            inject(operator, day, typo, SandboxBank.Fault.AMOUNT_TYPO, 100, BreakKind.AMOUNT_MISMATCH, injected);
        }
    }

    private void inject(Actor operator, LocalDate day, UUID merchantId, SandboxBank.Fault fault, long delta, BreakKind kind,
                        Map<BreakKind, String> injected) {
        if (injected.containsKey(kind)) {
            return;
        }
        settlements.payouts(operator, merchantId, PayoutStatus.INSTRUCTED, 0, 10).stream()
                .filter(p -> p.settlementDate().equals(day)).findFirst().ifPresent(p -> {
                    sandbox.injectFault(fault, p.endToEndId(), delta);
                    injected.put(kind, exchange.subAccountOf(merchantId));
                });
    }

    private int returnPairMatches(String account) {
        return jdbc.sql("""
                select count(*) from bank.reconciliation_match m join bank.statement_line l on l.id = m.line_id
                 where m.rule = 'RETURN_PAIR' and l.account_number = :a
                """).param("a", account).query(Integer.class).single();
    }

    private void at(LocalDate day, LocalTime time) {
        Instant target = day.atTime(time).atZone(SHANGHAI).toInstant();
        if (target.isAfter(clock.instant())) {
            clock.set(target);
        }
    }

    private TestMerchants.Created closedAccountMerchant(TestMerchants merchants) {
        MerchantApplication a = merchants.application(Sector.SPORTS_FITNESS, "410200");
        String account = a.settlementAccount().accountNumber().substring(0, 12) + "0000";
        MerchantApplication application = new MerchantApplication(a.legalName(), a.creditCode(), a.sector(), a.regionCode(),
                a.stores(), new SettlementAccount(a.settlementAccount().accountName(), a.settlementAccount().bankName(), account),
                a.flags(), a.ownerUsername(), a.ownerPassword(), a.ownerDisplayName(), a.contactMobile());
        var pending = merchants.pendingMerchant(application);
        return new TestMerchants.Created(merchantFacade.approve(merchants.operator(), pending.id()), pending.owner(), pending.password());
    }

}
