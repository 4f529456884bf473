package org.fangxin.protection.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.catalog.ProductKind;
import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.RefundMethod;
import org.fangxin.catalog.Term;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.insurance.ClaimLineDecision;
import org.fangxin.insurance.ClaimStatus;
import org.fangxin.insurance.ClaimView;
import org.fangxin.insurance.Claims;
import org.fangxin.insurance.CostSharing;
import org.fangxin.insurance.InsuranceFixtures;
import org.fangxin.insurance.Insurers;
import org.fangxin.insurance.LineDecision;
import org.fangxin.insurance.Policies;
import org.fangxin.insurance.PolicyScope;
import org.fangxin.ledger.AccountType;
import org.fangxin.protection.ClosureCaseView;
import org.fangxin.protection.Closures;
import org.fangxin.compensation.CompensationLineView;
import org.fangxin.protection.Deposits;
import org.fangxin.shared.Money;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Each try is a whole merchant through the real modules: random supervision ratio (how much is advanced), random
 * prices and usage of up to 20 cards, a random risk deposit (or none), an insurance policy with a random per-merchant
 * limit (or none), then the closure is confirmed and compensated and the claim approved as covered and paid. Everyone
 * is paid exactly the unredeemed value the test computes itself, the sources add up, nothing goes negative, the claim
 * never approves more than the fund paid, the fund is reimbursed exactly by what the insurer paid, the books hold.
 * A try takes seconds, so the seed is fixed and shrinking is bounded to a few dozen journeys.
 */
@Tag("journey")
class ClosureCompensationProperties extends IntegrationTest {

    @Autowired ApplicationContext context;
    @Autowired Deposits deposits;
    @Autowired Closures closures;
    @Autowired Claims claims;
    @Autowired Insurers insurers;
    @Autowired Policies policies;

    /** One card: the product's kind, price (fen), sessions; how much is used (sessions, days or fen). */
    record Card(int kind, long price, int sessions, int use) { }

    /** A merchant: ratio in bp, its cards, deposit in yuan (0 = none), insured per-merchant limit in yuan (0 = none). */
    record Merchant(int ratioBp, List<Card> cards, int depositYuan, int limitYuan) { }

    static Gen<Merchant> merchants() {
        Gen<Card> card = integers().between(0, 2).zip(longs().between(100, 300_000), integers().between(1, 40),
                integers().between(0, 1_000_000), Card::new);
        return arbitrary().pick(0, 2_000, 4_000, 7_500, 10_000).zip(lists().of(card).ofSizeBetween(1, 20),
                arbitrary().pick(0, 0, 50, 500, 5_000), arbitrary().pick(0, 100, 1_000, 50_000), Merchant::new);
    }

    @Test
    void everyoneIsPaidExactlyTheUnredeemedValueAndTheFundIsMadeWhole() {
        qt().withFixedSeed(20261127L).withExamples(10).withShrinkCycles(30).forAll(merchants()).checkAssert(this::compensate);
    }

    private void compensate(Merchant m) {
        JourneyDesk desk = new JourneyDesk(context, users);
        Actor operator = users.create(Role.OPERATOR).actor();
        TestMerchants.Created gym = desk.gym(m.ratioBp());
        UUID gymId = gym.id();
        UserAccount staff = desk.merchants.staff(gymId);
        var fixtures = new InsuranceFixtures(insurers, policies, users);
        InsuranceFixtures.Insurer insurer = null;
        if (m.limitYuan() > 0) {
            insurer = fixtures.insurer(120, Money.yuan(m.limitYuan()));
            fixtures.policy(insurer.product(), PolicyScope.MERCHANT, List.of(gymId), null, new CostSharing(0, 10_000, 0));
        }
        List<ProductView> wanted = new ArrayList<>();
        List<UserAccount> consumers = new ArrayList<>();
        for (Card c : m.cards()) {
            wanted.add(switch (c.kind()) {
                case 0 -> desk.product(gym, ProductKind.SESSION_PACK, Money.fen(c.price()), c.sessions(), Term.months(3),
                        RefundMethod.PRO_RATA_SESSIONS);
                case 1 -> desk.product(gym, ProductKind.PERIOD_PASS, Money.fen(c.price()), null, Term.days(30),
                        RefundMethod.PRO_RATA_DAYS);
                default -> desk.product(gym, ProductKind.STORED_VALUE, Money.fen(c.price()), null, Term.months(12),
                        RefundMethod.PRO_RATA_VALUE);
            });
            consumers.add(users.create(Role.CONSUMER));
        }
        List<JourneyDesk.Holding> holdings = desk.buy(consumers, wanted, 0, this::api);
        Map<UUID, Long> expected = new HashMap<>();
        for (int i = 0; i < holdings.size(); i++) {
            Card c = m.cards().get(i);
            JourneyDesk.Holding h = holdings.get(i);
            long p = c.price();
            switch (c.kind()) {
                case 0 -> {
                    int used = c.use() % c.sessions(); // some value left: a used-up card is not live
                    if (used > 0) {
                        desk.redeem(h, staff, used, null);
                    }
                    expected.put(h.cardId(), p - p * used / c.sessions());
                }
                case 1 -> expected.put(h.cardId(), p - p * 10 / 30); // 10 of 30 days earned at the closure
                default -> {
                    long spent = c.use() % p;
                    if (spent > 0) {
                        desk.redeem(h, staff, null, Money.fen(spent));
                    }
                    expected.put(h.cardId(), p - spent);
                }
            }
        }
        clock.advance(Duration.ofDays(10));
        if (m.depositYuan() > 0) {
            deposits.lodge(operator, gymId, Money.yuan(m.depositYuan()), "dep-" + UUID.randomUUID());
        }
        long fundTopUp = expected.values().stream().mapToLong(Long::longValue).sum() + 1;
        desk.ledger.post(org.fangxin.ledger.NewTransfer.of("fund-top-up:" + UUID.randomUUID(), "property: top-up",
                org.fangxin.ledger.EntryLine.debit(desk.ledger.open(AccountType.PLATFORM_GUARANTEE_FUND, null, Money.CNY).id(),
                        Money.fen(fundTopUp)),
                org.fangxin.ledger.EntryLine.credit(desk.ledger.open(AccountType.PLATFORM_EQUITY, null, Money.CNY).id(),
                        Money.fen(fundTopUp))));
        desk.assertBooks("before the closure " + m, gymId);

        ClosureCaseView opened = closures.mark(operator, gymId, "门店人去楼空");
        UUID closure = closures.confirm(operator, opened.id(), "现场核实: 已闭店").id();
        UUID batchId = desk.compensations.start(operator, closure).id();
        desk.assertBooks("planned " + m, gymId);
        clock.advance(Duration.ofDays(8));
        desk.payDue(batchId, 7, () -> desk.assertBooks("chunk " + m, gymId));
        desk.sendRefundsUntilPaid(closure, operator);
        JourneyDesk.await(() -> "COMPLETED".equals(desk.compensations.batch(operator, closure).status()), "batch completed");
        desk.assertBooks("compensated " + m, gymId);

        long paid = 0;
        long fundPart = 0;
        List<CompensationLineView> lines = desk.compensations.lines(operator, closure, null, 500);
        assertThat(lines).hasSize(m.cards().size());
        for (CompensationLineView line : lines) {
            long u = expected.get(line.cardId());
            assertThat(line.status()).as(m.toString()).isEqualTo("PAID");
            assertThat(line.unredeemed().amountMinor()).as("U of " + line.cardId() + " in " + m).isEqualTo(u);
            assertThat(line.fromEscrow().isNegative() || line.fromDeposit().isNegative()
                    || line.fromGuaranteeFund().isNegative()).isFalse();
            assertThat(line.fromEscrow().plus(line.fromDeposit()).plus(line.fromGuaranteeFund()).amountMinor()).isEqualTo(u);
            assertThat(desk.balance(AccountType.CARD_LIABILITY, line.cardId())).isEqualTo(Money.fen(0));
            paid += u;
            fundPart += line.fromGuaranteeFund().amountMinor();
        }
        String paidPrefix = "compensation-paid:" + closure + ":";
        assertThat(desk.ledgerSum(paidPrefix, AccountType.CARD_LIABILITY, true)).isEqualTo(paid);
        assertThat(desk.ledgerSum(paidPrefix, AccountType.ESCROW, false) + desk.ledgerSum(paidPrefix, AccountType.RISK_DEPOSIT_HELD, false)
                + desk.ledgerSum(paidPrefix, AccountType.PLATFORM_GUARANTEE_FUND, false)).as("Σ sources = Σ paid").isEqualTo(paid);
        assertThat(desk.balance(AccountType.SUBROGATION_RECEIVABLE, gymId).amountMinor()).isEqualTo(fundPart);
        assertThat(desk.refundsByReference(closure).values()).allMatch(n -> n > 0);

        if (fundPart == 0) {
            return; // escrow and deposit paid everything: nothing to claim
        }
        JourneyDesk.await(() -> claims.ofCase(closure).isPresent(), "claim of " + closure);
        ClaimView claim = claims.ofCase(closure).orElseThrow();
        assertThat(claim.claimed().amountMinor()).isEqualTo(fundPart);
        if (claim.status() == ClaimStatus.UNINSURED) {
            assertThat(insurer == null || claim.covered().isZero()).as(m.toString()).isTrue();
            return;
        }
        Actor insurerActor = insurer.login().actor();
        List<ClaimLineDecision> approvals = claim.lines().stream().filter(l -> l.covered().isPositive())
                .map(l -> new ClaimLineDecision(l.cardId(), LineDecision.APPROVED, null, null)).toList();
        ClaimView decided = claims.decide(insurerActor, claim.id(), approvals);
        long approved = decided.approved().amountMinor();
        assertThat(approved).as("approved ≤ the fund's part, " + m).isEqualTo(claim.covered().amountMinor())
                .isLessThanOrEqualTo(fundPart).isLessThanOrEqualTo(Money.yuan(m.limitYuan()).amountMinor());
        Money fundBefore = desk.balance(AccountType.PLATFORM_GUARANTEE_FUND, null);
        claims.recordPayment(insurerActor, claim.id(), "PAY-" + UUID.randomUUID());
        assertThat(desk.balance(AccountType.PLATFORM_GUARANTEE_FUND, null).amountMinor() - fundBefore.amountMinor())
                .as("the fund is reimbursed exactly by the insurer's payment").isEqualTo(approved);
        assertThat(desk.balance(AccountType.SUBROGATION_RECEIVABLE, gymId).amountMinor()).isEqualTo(fundPart - approved);
        desk.assertBooks("claim paid " + m, gymId);
    }
}
