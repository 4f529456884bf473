package org.fangxin.insurance;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.card.Cards;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.EntryLine;
import org.fangxin.ledger.Ledger;
import org.fangxin.ledger.NewTransfer;
import org.fangxin.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The money of claims that pay consumers directly ({@link ClaimView#paysConsumers()}, the Kaifeng model: mediation
 * failed, the insurer pays). Approval books what the insurer owes each consumer ({@code claim-approved:}, Dr
 * INSURER_RECEIVABLE / Cr INSURED_BENEFIT_PAYABLE per card) and records the insurer's recovery claim against the
 * merchant; approval also holds each approved card for the insurer ({@link Cards#holdForInsurer}: no refund or redemption pays
 * that value twice); the insurer's payment to the consumers settles both sides ({@code claim-paid:}) and passes each
 * card's value up to its line to the insurer (subrogation, posted by the card module; the escrow identity holds). Runs
 * in the claim's transaction.
 */
@Component
class ConsumerBenefits {

    private final Ledger ledger;
    private final JdbcClient jdbc;
    private final Cards cards;

    ConsumerBenefits(Ledger ledger, JdbcClient jdbc, Cards cards) {
        this.ledger = ledger;
        this.jdbc = jdbc;
        this.cards = cards;
    }

    /** The decided claim approved {@code approved} > 0 in total: the insurer owes it to the lines' consumers. */
    void approved(ClaimView decided, Money approved, Instant at) {
        ledger.post(new NewTransfer("claim-approved:" + decided.caseId() + ":" + decided.id(), "claim "
                + decided.claimNumber() + " " + decided.outcome() + ": owed to consumers by the insurer",
                lines(decided, approved, true)));
        jdbc.sql("""
                insert into insurance.recovery_claim (claim_id, insurer_id, merchant_id, currency, amount_minor, recorded_at)
                values (:claim, :insurer, :merchant, :currency, :amount, :at) on conflict (claim_id) do nothing
                """)
                .param("claim", decided.id()).param("insurer", decided.insurerId()).param("merchant", decided.merchantId())
                .param("currency", approved.currency().getCurrencyCode()).param("amount", approved.amountMinor())
                .param("at", Timestamp.from(at)).update();
        holdCards(decided);
    }

    /**
     * The insurer paid the consumers what it approved: the benefit owed and the receivable go away together, and each
     * paid card's value up to its line passes to the insurer (subrogation: out of the card's liability and the merchant's
     * escrow, {@link Cards#subrogateToInsurer}); the recovery claim shrinks by what escrow returned. A retry posts nothing.
     */
    void paid(ClaimView claim) {
        ledger.post(new NewTransfer("claim-paid:" + claim.caseId() + ":" + claim.id(), "insurer paid the consumers of claim "
                + claim.claimNumber() + " directly", lines(claim, claim.approved(), false)));
        long returned = 0;
        for (ClaimView.Line line : claim.lines()) {
            if (line.approved() != null && line.approved().isPositive()) {
                returned += cards.subrogateToInsurer(line.cardId(), claim.id(), line.approved()).subrogated().amountMinor();
            }
        }
        jdbc.sql("update insurance.recovery_claim set recovered_from_escrow_minor = :returned where claim_id = :claim")
                .param("returned", returned).param("claim", claim.id()).update();
    }

    /**
     * The insurer owes (then pays) each consumer in place of the card's value: hold each approved card so that no
     * refund or redemption pays that value a second time (issue 10 item 4; no ledger posting).
     */
    private void holdCards(ClaimView claim) {
        for (ClaimView.Line line : claim.lines()) {
            if (line.approved() != null && line.approved().isPositive()) {
                cards.holdForInsurer(line.cardId(), claim.id(), line.approved());
            }
        }
    }

    Optional<RecoveryClaimView> recoveryOf(UUID claimId) {
        return jdbc.sql("""
                select claim_id, insurer_id, merchant_id, currency, amount_minor, recorded_at, recovered_from_escrow_minor
                  from insurance.recovery_claim where claim_id = :claim
                """)
                .param("claim", claimId)
                .query((rs, n) -> {
                    Currency currency = Currency.getInstance(rs.getString(4));
                    return new RecoveryClaimView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            rs.getObject(3, UUID.class), new Money(rs.getLong(5), currency), rs.getTimestamp(6).toInstant(),
                            new Money(rs.getLong(7), currency));
                })
                .optional();
    }

    /** One line per approved card on the consumers' side, the total on the insurer's; {@code owed}: approval, else payment. */
    private List<EntryLine> lines(ClaimView claim, Money total, boolean owed) {
        Currency currency = total.currency();
        var receivable = ledger.open(AccountType.INSURER_RECEIVABLE, claim.insurerId(), currency).id();
        List<EntryLine> lines = new ArrayList<>();
        lines.add(owed ? EntryLine.debit(receivable, total) : EntryLine.credit(receivable, total));
        for (ClaimView.Line line : claim.lines()) {
            if (line.approved() != null && line.approved().isPositive()) {
                var benefit = ledger.open(AccountType.INSURED_BENEFIT_PAYABLE, line.cardId(), currency).id();
                lines.add(owed ? EntryLine.credit(benefit, line.approved()) : EntryLine.debit(benefit, line.approved()));
            }
        }
        return lines;
    }
}
