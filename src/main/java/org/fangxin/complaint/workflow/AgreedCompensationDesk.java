package org.fangxin.complaint.workflow;

import java.time.Instant;
import org.fangxin.complaint.AgreementView;
import org.fangxin.complaint.persistence.CaseRecords;
import org.fangxin.complaint.persistence.CaseRepository;
import org.fangxin.complaint.persistence.CaseRow;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.AccountView;
import org.fangxin.ledger.EntryLine;
import org.fangxin.ledger.Ledger;
import org.fangxin.ledger.NewTransfer;
import org.fangxin.shared.Money;
import org.springframework.stereotype.Component;

/**
 * Compensation agreed in a case with a card is carried out by the platform, in the ledger: first set aside from what the
 * merchant has earned ({@code complaint-compensation:<agreementId>} Dr MERCHANT_PAYABLE / Cr CONSUMER_REFUNDS_PAYABLE of
 * the card) — as soon as the payable holds it — then paid to the consumer when an operator records the transfer
 * ({@code complaint-compensation-paid:<agreementId>} Dr CONSUMER_REFUNDS_PAYABLE / Cr ESCROW: the earned cash leaves the
 * merchant's escrow). Both keep the escrow identity (docs/ledger.md). Runs in the caller's transaction.
 */
@Component
public class AgreedCompensationDesk {

    private final Ledger ledger;
    private final CaseRecords records;
    private final CaseRepository cases;

    AgreedCompensationDesk(Ledger ledger, CaseRecords records, CaseRepository cases) {
        this.ledger = ledger;
        this.records = records;
        this.cases = cases;
    }

    /** Whether the platform carries this agreement's compensation out (a card to pay it to); otherwise the merchant pays directly. */
    public static boolean byPlatform(CaseRow row) {
        return row.cardId() != null;
    }

    /** Sets the compensation aside if the merchant's payable now holds it; answers whether it was set aside now. */
    public boolean setAside(CaseRow row, AgreementView agreement, Instant at) {
        if (agreement.compensationSetAsideAt() != null || !byPlatform(row)) {
            return false;
        }
        Money amount = agreement.amount();
        AccountView payable = ledger.open(AccountType.MERCHANT_PAYABLE, row.merchantId(), amount.currency());
        if (payable.normalBalance().compareTo(amount) < 0) {
            return false;
        }
        AccountView owed = ledger.open(AccountType.CONSUMER_REFUNDS_PAYABLE, row.cardId(), amount.currency());
        ledger.post(NewTransfer.of("complaint-compensation:" + agreement.id(), "compensation agreed in complaint "
                + row.caseNumber(), EntryLine.debit(payable.id(), amount), EntryLine.credit(owed.id(), amount)));
        records.setAside(agreement.id(), at);
        cases.markReachedPlatform(row.id());
        return true;
    }

    /** An operator paid the set-aside compensation to the consumer (bank transfer {@code reference}). */
    public void paid(CaseRow row, AgreementView agreement, String reference, Instant at) {
        Money amount = agreement.amount();
        AccountView owed = ledger.open(AccountType.CONSUMER_REFUNDS_PAYABLE, row.cardId(), amount.currency());
        AccountView escrow = ledger.open(AccountType.ESCROW, row.merchantId(), amount.currency());
        ledger.post(NewTransfer.of("complaint-compensation-paid:" + agreement.id(), "compensation of complaint "
                + row.caseNumber() + " paid, " + reference, EntryLine.debit(owed.id(), amount), EntryLine.credit(escrow.id(), amount)));
        records.compensationPaid(agreement.id(), reference, at);
    }
}
