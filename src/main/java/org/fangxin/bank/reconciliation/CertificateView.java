package org.fangxin.bank.reconciliation;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * The daily statement that bank and ledger agree: per sub-account with a statement for the day and in total, the
 * bank's closing balance against the ledger's ESCROW balance at the end of the day. GREEN only when every pair is
 * equal and no break on these accounts is still open; otherwise RED with the open breaks that explain it.
 */
public record CertificateView(LocalDate date, Status status, Money bankTotal, Money ledgerTotal,
                              List<AccountLine> accounts, List<BreakView> openBreaks) {

    public enum Status { GREEN, RED }

    /** @param merchantId null when the bank's account number is not a known sub-account */
    public record AccountLine(String accountNumber, UUID merchantId, Money bankClosing, Money ledgerEscrow,
                              int openBreaks, Status status) {
    }
}
