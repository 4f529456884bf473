package org.fangxin.compensation.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.fangxin.card.BuyCard;
import org.fangxin.card.EscrowChecks;
import org.fangxin.card.EscrowIdentityReport;
import org.fangxin.card.PurchaseView;
import org.fangxin.card.Redeem;
import org.fangxin.card.lifecycle.PurchaseDesk;
import org.fangxin.card.lifecycle.RedemptionDesk;
import org.fangxin.catalog.ContractTerms;
import org.fangxin.catalog.ProductDraft;
import org.fangxin.catalog.ProductKind;
import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.Products;
import org.fangxin.catalog.RefundMethod;
import org.fangxin.catalog.Term;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.EntryLine;
import org.fangxin.ledger.InvariantReport;
import org.fangxin.ledger.Ledger;
import org.fangxin.ledger.NewTransfer;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.payment.Payments;
import org.fangxin.payment.lifecycle.RefundWorker;
import org.fangxin.payment.sandbox.SandboxGateway;
import org.fangxin.protection.ClosureCaseView;
import org.fangxin.protection.Closures;
import org.fangxin.protection.Deposits;
import org.fangxin.shared.Money;
import org.fangxin.testing.TestMerchants;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.fangxin.testing.IntegrationTest;

/** Steps of the compensation tests through the real modules: a gym, its products and cards, the closure, the books. */
abstract class CompensationTestBase extends IntegrationTest {

    static final Duration WAIT_MAX = Duration.ofSeconds(30);

    @Autowired Merchants merchants;
    @Autowired Users accounts;
    @Autowired Products products;
    @Autowired PurchaseDesk purchases;
    @Autowired RedemptionDesk redemptions;
    @Autowired SandboxGateway sandbox;
    @Autowired Payments payments;
    @Autowired Ledger ledger;
    @Autowired EscrowChecks escrow;
    @Autowired Closures closures;
    @Autowired Deposits deposits;
    @Autowired CompensationPayer payer;
    @Autowired CompensationRepository repository;
    @Autowired RefundWorker refundWorker;
    @Autowired JdbcClient jdbc;
    @Autowired org.fangxin.settlement.Settlements settlements;
    @Autowired org.fangxin.bank.sandbox.SandboxBank bank;

    /** Settlement pays T+1 on business days: every compensation timeline starts on a Monday. */
    @org.junit.jupiter.api.BeforeEach
    void startOnAMonday() {
        clock.advanceToMonday(java.time.ZoneId.of("Asia/Shanghai"));
    }

    Actor operator() {
        return users.create(Role.OPERATOR).actor();
    }

    /** A gym under the national default supervision ratio (40 %: 60 % of each price is advanced). */
    TestMerchants.Created gym() {
        return new TestMerchants(merchants, accounts).activeMerchant(Sector.SPORTS_FITNESS, "410200");
    }

    UserAccount staff(UUID merchantId) {
        return new TestMerchants(merchants, accounts).staff(merchantId);
    }

    ProductView product(TestMerchants.Created gym, ProductKind kind, Money price, Integer sessions, Term term,
                        RefundMethod method) {
        ContractTerms terms = new ContractTerms(7, method, 0, true, "闭店时按剩余价值全额退款或转至承接商户",
                "协商; 不成向消费者协会申请调解", null);
        Money face = kind == ProductKind.STORED_VALUE ? price : null;
        return products.create(gym.ownerActor(), new ProductDraft("赔付测试卡 " + UUID.randomUUID().toString().substring(0, 8),
                null, kind, price, null, face, sessions, term, List.of(gym.merchant().stores().get(0).id()), terms));
    }

    /** Buys a card for the consumer through the card module and the sandbox provider; answers the card id. */
    UUID buy(UserAccount consumer, ProductView product) {
        PurchaseView purchase = purchases.purchase(consumer.actor(), new BuyCard(product.id(), product.storeIds().get(0),
                product.currentVersionId(), true));
        sandbox.pay(payments.find(purchase.paymentOrderId()).orElseThrow().providerOrderId());
        await(() -> purchases.view(consumer.actor(), purchase.id()).cardId() != null, "card of " + purchase.id());
        return purchases.view(consumer.actor(), purchase.id()).cardId();
    }

    void redeem(UserAccount holder, UUID cardId, UUID storeId, UUID merchantId, Integer sessions, Money amount) {
        String code = redemptions.issueCode(holder.actor(), cardId).code();
        redemptions.redeem(staff(merchantId).actor(), new Redeem(code, storeId, sessions, amount));
    }

    void lodgeDeposit(UUID merchantId, Money amount) {
        deposits.lodge(operator(), merchantId, amount, "dep-" + UUID.randomUUID());
    }

    /** The platform commits its own money to the guarantee fund (contract: fund-top-up). */
    void topUpFund(Money amount) {
        ledger.post(NewTransfer.of("fund-top-up:" + UUID.randomUUID(), "test: guarantee fund top-up",
                EntryLine.debit(ledger.open(AccountType.PLATFORM_GUARANTEE_FUND, null, Money.CNY).id(), amount),
                EntryLine.credit(ledger.open(AccountType.PLATFORM_EQUITY, null, Money.CNY).id(), amount)));
    }

    /** Pays every merchant what it is owed (advances included): the money leaves escrow, the advance is exposure. */
    void settle() {
        settlements.runDue();
        bank.process();
        settlements.exchangeWithBank();
    }

    /** Marks and confirms the closure as an operator; answers the case. */
    ClosureCaseView confirmClosure(UUID merchantId) {
        Actor operator = operator();
        ClosureCaseView opened = closures.mark(operator, merchantId, "门店人去楼空, 电话不通");
        return closures.confirm(operator, opened.id(), "现场核实: 已闭店");
    }

    /** A closure confirmed with its batch planned, past its choice period: what a pay job finds. */
    record ClosedWithBatch(ClosureCaseView closure, CompensationRepository.Batch batch) { }

    /**
     * Two days after the sales, the merchant is settled (advances paid out), lodges a 1,000-yuan deposit, the fund holds
     * 200,000 yuan; then the closure is confirmed, its batch planned, and the clock moves past the 7-day choice period.
     */
    ClosedWithBatch closeAfterSettlement(UUID merchantId) {
        clock.advance(Duration.ofDays(2));
        settle();
        lodgeDeposit(merchantId, Money.yuan(1_000));
        topUpFund(Money.yuan(200_000));
        ClosureCaseView closure = confirmClosure(merchantId);
        CompensationRepository.Batch batch = awaitBatch(closure.id());
        clock.advance(Duration.ofDays(8));
        return new ClosedWithBatch(closure, batch);
    }

    CompensationRepository.Batch awaitBatch(UUID caseId) {
        await(() -> repository.batchOfCase(caseId).isPresent(), "batch of case " + caseId);
        return repository.batchOfCase(caseId).orElseThrow();
    }

    /** Sends the provider refunds until no line of the batch is PAYING any more. */
    void payRefundsUntilSettled(UUID batchId) {
        long deadline = System.nanoTime() + WAIT_MAX.toNanos();
        while (System.nanoTime() < deadline) {
            refundWorker.submitDue();
            var t = repository.totals(batchId);
            if (t.paying() == 0) {
                return;
            }
            sleep();
        }
        throw new AssertionError("lines still paying: " + repository.totals(batchId));
    }

    Money balance(AccountType type, UUID owner) {
        return ledger.findAccount(type, owner, Money.CNY).map(a -> a.normalBalance()).orElse(Money.fen(0));
    }

    void assertBooks(UUID merchantId, String when) {
        InvariantReport invariants = ledger.checkInvariants();
        assertThat(invariants.holds()).as(when + ": " + invariants).isTrue();
        EscrowIdentityReport identity = escrow.checkMerchant(merchantId);
        assertThat(identity.holds()).as(when + ": " + identity.violations()).isTrue();
        for (AccountType type : List.of(AccountType.ESCROW, AccountType.MERCHANT_ADVANCE, AccountType.RISK_DEPOSIT,
                AccountType.RISK_DEPOSIT_HELD, AccountType.MERCHANT_PAYABLE)) {
            assertThat(balance(type, merchantId).isNegative()).as(when + ": " + type).isFalse();
        }
    }

    /** Provider refunds per compensation reference of the case (each must be exactly 1). */
    List<Long> refundsPerReference(UUID caseId) {
        return jdbc.sql("select count(*) from payment.refund where refund_reference like :p group by refund_reference")
                .param("p", "compensation:" + caseId + ":%").query(Long.class).list();
    }

    /**
     * Everyone of the case paid exactly once: one provider refund per card (at the sandbox too), one debit of each
     * card's liability under {@code compensation-paid:} (in its pay chunk's transfer), and the liabilities those settled
     * add up to {@code total}.
     */
    void assertEveryonePaidOnce(UUID caseId, int cards, long total) {
        assertThat(refundsPerReference(caseId)).hasSize(cards).allMatch(n -> n == 1);
        assertThat(jdbc.sql("select count(*) from payment.sandbox_refund where refund_reference like :p")
                .param("p", "compensation:" + caseId + ":%").query(Long.class).single()).isEqualTo(cards);
        assertThat(cardDebitsPerCard(caseId).values()).as("one liability debit per card").hasSize(cards).allMatch(n -> n == 1);
        assertThat(ledgerSum("compensation-paid:" + caseId + ":", AccountType.CARD_LIABILITY, true)).isEqualTo(total);
    }

    /** Per card, how many debits of its liability the case's {@code compensation-paid:} transfers hold. */
    java.util.Map<UUID, Long> cardDebitsPerCard(UUID caseId) {
        java.util.Map<UUID, Long> debits = new java.util.HashMap<>();
        jdbc.sql("""
                select a.owner_id, count(*) from ledger.entry e
                  join ledger.transfer t on t.id = e.transfer_id join ledger.account a on a.id = e.account_id
                 where t.posting_key like :p and a.type = 'CARD_LIABILITY' and e.amount_minor > 0 group by a.owner_id
                """).param("p", "compensation-paid:" + caseId + ":%")
                .query((rs, n) -> debits.put(rs.getObject(1, UUID.class), rs.getLong(2))).list();
        return debits;
    }

    /** What the case's {@code compensation-paid:} transfers debited the card's liability. */
    long cardDebited(UUID caseId, UUID cardId) {
        return jdbc.sql("""
                select coalesce(sum(e.amount_minor), 0) from ledger.entry e
                  join ledger.transfer t on t.id = e.transfer_id join ledger.account a on a.id = e.account_id
                 where t.posting_key like :p and a.type = 'CARD_LIABILITY' and a.owner_id = :card and e.amount_minor > 0
                """).param("p", "compensation-paid:" + caseId + ":%").param("card", cardId).query(Long.class).single();
    }

    long ledgerSum(String keyPrefix, AccountType type, boolean debits) {
        return jdbc.sql("""
                select coalesce(sum(e.amount_minor), 0) from ledger.entry e
                  join ledger.transfer t on t.id = e.transfer_id join ledger.account a on a.id = e.account_id
                 where t.posting_key like :p and a.type = :type and (e.amount_minor > 0) = :debits
                """).param("p", keyPrefix + "%").param("type", type.name()).param("debits", debits)
                .query(Long.class).single();
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT_MAX.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            sleep();
        }
    }

    static void sleep() {
        try {
            Thread.sleep(25);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
