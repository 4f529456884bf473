package org.fangxin.compensation.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.card.CardStatus;
import org.fangxin.card.Cards;
import org.fangxin.catalog.ProductKind;
import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.RefundMethod;
import org.fangxin.catalog.Term;
import org.fangxin.identity.UserAccount;
import org.fangxin.ledger.AccountType;
import org.fangxin.notification.Notifications;
import org.fangxin.protection.ClosureCaseView;
import org.fangxin.compensation.batch.CompensationRepository.Batch;
import org.fangxin.compensation.batch.CompensationRepository.Line;
import org.fangxin.compensation.batch.CompensationRepository.Totals;
import org.fangxin.shared.Money;
import org.fangxin.testing.TestMerchants;
import org.fangxin.testing.Eventually;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A gym with mixed usage (session packs partly used, passes 14 days into 30, stored value partly spent; 60 % of every
 * price advanced and paid out; a small deposit) vanishes: confirmed → the batch plans every live card at its unredeemed
 * value → after the deadline the job pays everyone exactly U through the provider, from escrow, deposit and the topped
 * up guarantee fund; the books hold after every step.
 */
@Tag("journey")
class CompensationJourneyTests extends CompensationTestBase {

    static final int CONSUMERS = 60;

    @Autowired Cards cards;
    @Autowired Notifications notifications;
    @Autowired CompensationNoticeSender noticeSender;

    @Test
    void everyConsumerOfAClosedGymIsPaidExactlyTheUnredeemedValueOnce() {
        TestMerchants.Created gym = gym();
        UUID store = gym.merchant().stores().get(0).id();
        ProductView pack = product(gym, ProductKind.SESSION_PACK, Money.yuan(2000), 60, Term.months(3), RefundMethod.PRO_RATA_SESSIONS);
        ProductView pass = product(gym, ProductKind.PERIOD_PASS, Money.yuan(300), null, Term.days(30), RefundMethod.PRO_RATA_DAYS);
        ProductView value = product(gym, ProductKind.STORED_VALUE, Money.yuan(500), null, Term.months(12), RefundMethod.PRO_RATA_VALUE);
        Map<UUID, UserAccount> holders = new HashMap<>();
        List<UUID> passes = new ArrayList<>();
        for (int i = 0; i < CONSUMERS; i++) {
            UserAccount consumer = users.create(org.fangxin.identity.Role.CONSUMER);
            ProductView product = switch (i % 3) {
                case 0 -> pack;
                case 1 -> pass;
                default -> value;
            };
            UUID card = buy(consumer, product);
            holders.put(card, consumer);
            if (i % 3 == 0 && i % 13 != 0) {
                redeem(consumer, card, store, gym.id(), i % 13, null);
            } else if (i % 3 == 1) {
                passes.add(card);
            } else if (i % 3 == 2 && (i * 1237) % 40_000 > 0) {
                redeem(consumer, card, store, gym.id(), null, Money.fen((i * 1237L) % 40_000));
            }
        }
        clock.advance(Duration.ofDays(14)); // passes ran 14 of 30 days; nobody released them yet
        settle();                            // the gym took its advance out of escrow
        lodgeDeposit(gym.id(), Money.yuan(3_000));
        topUpFund(Money.yuan(1_000_000));
        assertBooks(gym.id(), "before the closure");
        Money advance = balance(AccountType.MERCHANT_ADVANCE, gym.id());
        assertThat(advance.isPositive()).as("exposure").isTrue();

        ClosureCaseView closure = confirmClosure(gym.id());
        Batch batch = awaitBatch(closure.id());
        assertBooks(gym.id(), "after planning");
        List<Line> lines = repository.lines(batch.id(), null, 500);
        assertThat(lines).hasSize(CONSUMERS);
        long sumU = 0;
        for (Line line : lines) {
            Money liability = balance(AccountType.CARD_LIABILITY, line.cardId());
            assertThat(line.unredeemedMinor()).as("U of " + line.cardId()).isEqualTo(liability.amountMinor());
            assertThat(line.escrowMinor() + line.depositMinor() + line.fundMinor()).isEqualTo(line.unredeemedMinor());
            assertThat(cards.find(line.cardId()).orElseThrow().status()).isEqualTo(CardStatus.FROZEN);
            assertThat(line.consumerId()).isEqualTo(holders.get(line.cardId()).id());
            sumU += line.unredeemedMinor();
        }
        for (UUID p : passes) {
            Line line = lines.stream().filter(l -> l.cardId().equals(p)).findFirst().orElseThrow();
            assertThat(line.unredeemedMinor()).as("300 yuan pass, 16 of 30 days left").isEqualTo(Money.yuan(160).amountMinor());
        }
        Totals planned = repository.totals(batch.id());
        assertThat(planned.deposit()).isEqualTo(Money.yuan(3_000).amountMinor());
        assertThat(planned.fund()).as("the deposit does not cover the exposure").isPositive();
        // passes earned their 14 days at the hold (netting their advance), then the set-off: what is left is d + f
        assertThat(planned.deposit() + planned.fund()).as("d + f = advance left after the set-off")
                .isEqualTo(balance(AccountType.MERCHANT_ADVANCE, gym.id()).amountMinor());
        UserAccount someone = holders.get(lines.get(0).cardId());
        // the planned notices go out right after the plan commits, a chunk per transaction
        await(() -> notifications.inbox(someone.actor(), 20).stream().anyMatch(n -> n.subject().contains("闭店")),
                "planned notice");
        await(() -> jdbc.sql("select planned_through from compensation.compensation_notice_progress where batch_id = :b")
                .param("b", batch.id()).query(Integer.class).single() == CONSUMERS, "planned notices sent to the last line");
        assertThat(noticeSender.sendPending()).as("the job's pass finds nothing left after the cursor").isZero();
        assertThat(jdbc.sql("""
                select count(*) from notification.message m join compensation.compensation_line l
                    on m.dedup_key = 'compensation-planned:' || l.id
                 where l.batch_id = :b
                """).param("b", batch.id()).query(Long.class).single()).as("one planned notice per line").isEqualTo(CONSUMERS);

        // nothing is paid before the deadline
        payer.payDue();
        assertThat(repository.totals(batch.id()).planned()).isEqualTo(CONSUMERS);
        clock.advance(Duration.ofDays(8));
        for (int i = 0; i < 3; i++) {
            assertThat(payer.payDue(batch.id(), 1, line -> { })).isEqualTo(1);
            assertBooks(gym.id(), "after line " + (i + 1));
        }
        payer.payDue(batch.id(), Integer.MAX_VALUE, line -> { });
        assertBooks(gym.id(), "after the job");
        payRefundsUntilSettled(batch.id());
        await(() -> "COMPLETED".equals(repository.batch(batch.id()).orElseThrow().status()), "batch completed");

        Totals paid = repository.totals(batch.id());
        assertThat(paid.paid()).isEqualTo(CONSUMERS);
        assertThat(paid.paidTotal()).isEqualTo(sumU);
        assertThat(paid.paidEscrow() + paid.paidDeposit() + paid.paidFund()).isEqualTo(sumU);
        assertThat(refundsPerReference(closure.id())).hasSize(CONSUMERS).allMatch(n -> n == 1);
        String prefix = "compensation-paid:" + closure.id() + ":";
        assertThat(ledgerSum(prefix, AccountType.CARD_LIABILITY, true)).isEqualTo(sumU);
        assertThat(-ledgerSum(prefix, AccountType.ESCROW, false)).isEqualTo(paid.paidEscrow());
        assertThat(-ledgerSum(prefix, AccountType.RISK_DEPOSIT_HELD, false)).isEqualTo(paid.paidDeposit());
        assertThat(-ledgerSum(prefix, AccountType.PLATFORM_GUARANTEE_FUND, false)).isEqualTo(paid.paidFund());
        assertThat(balance(AccountType.SUBROGATION_RECEIVABLE, gym.id()).amountMinor()).isEqualTo(paid.paidFund());
        for (Line line : lines) {
            assertThat(balance(AccountType.CARD_LIABILITY, line.cardId())).isEqualTo(Money.fen(0));
            assertThat(balance(AccountType.CONSUMER_REFUNDS_PAYABLE, line.cardId())).isEqualTo(Money.fen(0));
            assertThat(cards.find(line.cardId()).orElseThrow().status()).isEqualTo(CardStatus.REFUNDED);
        }
        assertThat(balance(AccountType.MERCHANT_ADVANCE, gym.id())).isEqualTo(Money.fen(0));
        assertThat(jdbc.sql("select count(*) from audit.entry where action = 'compensation.completed' and object_id = :id")
                .param("id", closure.id().toString()).query(Long.class).single()).isEqualTo(1);
        Eventually.holds(() -> assertThat(notifications.inbox(someone.actor(), 20))
                .anyMatch(n -> n.subject().contains("已支付"))); // sent after the line's commit (ADR 11)
        assertBooks(gym.id(), "at the end");
    }
}
