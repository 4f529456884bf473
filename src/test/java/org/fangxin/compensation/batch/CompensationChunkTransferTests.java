package org.fangxin.compensation.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.fangxin.catalog.ProductKind;
import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.RefundMethod;
import org.fangxin.catalog.Term;
import org.fangxin.compensation.batch.CompensationRepository.Batch;
import org.fangxin.compensation.batch.CompensationRepository.Line;
import org.fangxin.identity.Role;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.NewTransfer;
import org.fangxin.ledger.TransferId;
import org.fangxin.shared.Money;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A pay chunk's CASH lines are ONE {@code compensation-paid:} transfer (issue 15, session 13): a debit per card and one
 * line per source account with the chunk's sum; the books hold after every chunk commit, and the same chunk posted
 * again (a replay of its lines, in any order) posts nothing twice.
 */
class CompensationChunkTransferTests extends CompensationTestBase {

    static final int CARDS = 7;
    static final int CHUNK = 3;

    @Autowired CompensationPostings postings;

    @Test
    void eachPayChunkIsOneTransferWithADebitPerCardAndTheBooksHoldAfterEveryChunk() {
        Closed closed = closedGym();
        int paid = 0;
        int chunks = 0;
        while (paid < CARDS) {
            int settled = payer.payDue(closed.batch().id(), CHUNK, line -> { });
            assertThat(settled).isEqualTo(Math.min(CHUNK, CARDS - paid));
            paid += settled;
            chunks++;
            assertBooks(closed.merchantId(), "after chunk " + chunks);
            List<UUID> transfers = transfersOf(closed.batch().caseId());
            assertThat(transfers).as("one transfer per chunk").hasSize(chunks);
            assertThat(cardDebitsPerCard(closed.batch().caseId())).as("a debit per card paid").hasSize(paid)
                    .allSatisfy((card, n) -> assertThat(n).isEqualTo(1));
            // the card lines, then at most six source lines: escrow, deposit held and released, fund, receivable, advance
            assertThat(entriesOf(transfers.get(transfers.size() - 1))).isBetween((long) settled + 1, (long) settled + 6);
        }
        var totals = repository.totals(closed.batch().id());
        String prefix = "compensation-paid:" + closed.batch().caseId() + ":";
        assertThat(ledgerSum(prefix, AccountType.CARD_LIABILITY, true)).isEqualTo(totals.total());
        assertThat(-ledgerSum(prefix, AccountType.ESCROW, false)).isEqualTo(totals.escrow());
        assertThat(-ledgerSum(prefix, AccountType.RISK_DEPOSIT_HELD, false)).isEqualTo(totals.deposit()).isPositive();
        assertThat(-ledgerSum(prefix, AccountType.PLATFORM_GUARANTEE_FUND, false)).isEqualTo(totals.fund()).isPositive();
        assertThat(balance(AccountType.SUBROGATION_RECEIVABLE, closed.merchantId()).amountMinor()).isEqualTo(totals.fund());
    }

    @Test
    void theSameChunkPostedAgainInAnyOrderPostsNothingTwice() {
        Closed closed = closedGym();
        assertThat(payer.payDue(closed.batch().id(), CHUNK, line -> { })).isEqualTo(CHUNK);
        UUID caseId = closed.batch().caseId();
        List<UUID> posted = transfersOf(caseId);
        Money escrowBefore = balance(AccountType.ESCROW, closed.merchantId());
        Money fundBefore = balance(AccountType.PLATFORM_GUARANTEE_FUND, null);
        List<Line> chunk = new ArrayList<>(repository.lines(closed.batch().id(), "PAYING", CHUNK));
        assertThat(chunk).hasSize(CHUNK);
        Collections.reverse(chunk);

        NewTransfer replay = postings.chunkTransfer(postings.accounts(), closed.batch().id(), caseId, closed.merchantId(), chunk);
        TransferId again = postings.postChunk(replay);

        assertThat(again.value()).as("the chunk's key is its lines', not their order's or the time's").isEqualTo(posted.get(0));
        assertThat(transfersOf(caseId)).hasSize(1);
        assertThat(balance(AccountType.ESCROW, closed.merchantId())).isEqualTo(escrowBefore);
        assertThat(balance(AccountType.PLATFORM_GUARANTEE_FUND, null)).isEqualTo(fundBefore);
        assertThat(cardDebitsPerCard(caseId)).hasSize(CHUNK).allSatisfy((card, n) -> assertThat(n).isEqualTo(1));
        assertThat(postings.chunkTransfer(postings.accounts(), closed.batch().id(), caseId, closed.merchantId(),
                chunk.subList(0, CHUNK - 1)).postingKey()).as("other lines, another chunk").isNotEqualTo(replay.postingKey());
        assertBooks(closed.merchantId(), "after the replay");
    }

    private record Closed(UUID merchantId, Batch batch) { }

    /** A gym whose cards need escrow, the deposit and the guarantee fund (the advance was paid out before the closure). */
    private Closed closedGym() {
        TestMerchants.Created gym = gym();
        ProductView pack = product(gym, ProductKind.SESSION_PACK, Money.yuan(1200), 20, Term.months(3), RefundMethod.PRO_RATA_SESSIONS);
        for (int i = 0; i < CARDS; i++) {
            buy(users.create(Role.CONSUMER), pack);
        }
        return new Closed(gym.id(), closeAfterSettlement(gym.id()).batch());
    }

    private List<UUID> transfersOf(UUID caseId) {
        return jdbc.sql("select id from ledger.transfer where posting_key like :p order by posted_at, id")
                .param("p", "compensation-paid:" + caseId + ":%").query(UUID.class).list();
    }

    private long entriesOf(UUID transferId) {
        return jdbc.sql("select count(*) from ledger.entry where transfer_id = :t").param("t", transferId)
                .query(Long.class).single();
    }
}
