package org.fangxin.bank.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fangxin.bank.BankDocument;
import org.fangxin.bank.custodian.CustodianBanks;
import org.fangxin.bank.format.BankReferences;
import org.fangxin.bank.format.Camt053Writer;
import org.fangxin.bank.format.Pain002Writer;
import org.fangxin.bank.format.PaymentStatusReport;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.AccountView;
import org.fangxin.ledger.Ledger;
import org.fangxin.ledger.PostedEntry;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.Money;
import org.fangxin.shared.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The sandbox bank's accounts and statements, in the caller's transaction: accounts open with their ledger balance,
 * money the bank sees from elsewhere is mirrored from the ledger, and the end of a day writes one camt.053 with a
 * statement per account that moved, with the injected faults applied.
 */
@Component
class SandboxStatements {

    private static final Logger log = LoggerFactory.getLogger(SandboxStatements.class);

    private final SandboxBooks books;
    private final Ledger ledger;
    private final IdGenerator ids;
    private final Clock clock;
    private final String operatingAccount;

    SandboxStatements(SandboxBooks books, Ledger ledger, IdGenerator ids, Clock clock,
                      @Value("${fangxin.bank.operating-account:FXOPERATING0001}") String operatingAccount) {
        this.books = books;
        this.ledger = ledger;
        this.ids = ids;
        this.clock = clock;
        this.operatingAccount = operatingAccount;
    }

    /** Opens the account at the bank (idempotent), with the ledger's balance of it now as the opening balance. */
    void openAccount(String bank, String accountNumber) {
        if (books.account(accountNumber).isPresent()) {
            return;
        }
        Instant now = clock.instant();
        Optional<AccountView> ledgerAccount = ledgerAccountOf(accountNumber);
        Money opening = ledgerAccount.map(a -> ledger.balanceAsOf(a.id(), now)).orElse(Money.zero(Money.CNY));
        books.openAccount(bank, accountNumber, opening, now);
    }

    void openIfCustody(String bank, String accountNumber) {
        if (books.account(accountNumber).isEmpty() && books.merchantOfSubAccount(accountNumber).isPresent()) {
            openAccount(bank, accountNumber);
        }
    }

    /** The operating account number the bank charges fees to. */
    public String operatingAccount() {
        return operatingAccount;
    }

    /** Writes a pain.002 status report as one of the bank's documents. */
    void statusReport(String bank, String name, PaymentStatusReport report, Instant now) {
        byte[] content = new Pain002Writer().write(report, now);
        books.insertDocument(bank, BankDocument.Kind.PAIN002, name, null, content, Sha256.hex(content), now);
    }

    /**
     * The bank's fee for one executed transfer, charged to the operating account as its own booking. The platform's
     * operating account is at the DEFAULT bank, so only that bank's sandbox charges fees.
     */
    void chargeFee(Money fee, LocalDate day, String endToEndId) {
        openAccount(CustodianBanks.DEFAULT, operatingAccount);
        books.book(operatingAccount, day, day, fee.negate(), null, "C" + endToEndId, "FEE", null,
                SandboxBank.FEE_TEXT_PREFIX + " transfer fee " + endToEndId);
    }

    /** The end-of-day camt.053 of {@code day} (once; again answers the first); see {@link SandboxBank#endOfDay}. */
    String endOfDay(String bank, LocalDate day) {
        String name = CustodianBanks.DEFAULT.equals(bank) ? "camt053-" + day : "camt053-" + bank + "-" + day;
        if (books.documentNamed(name).isPresent()) {
            return name;
        }
        Instant now = clock.instant();
        Instant dayEnd = day.plusDays(1).atStartOfDay(SandboxBank.BANK_ZONE).toInstant();
        Instant mirrorUntil = now.isBefore(dayEnd) ? now : dayEnd;
        for (SandboxBooks.Account account : books.lockAccounts(bank)) {
            mirror(account, mirrorUntil);
        }
        Map<String, List<SandboxBooks.Booking>> byAccount = new LinkedHashMap<>();
        for (SandboxBooks.Booking booking : books.bookingsOn(bank, day)) {
            byAccount.computeIfAbsent(booking.accountNumber(), k -> new ArrayList<>()).add(booking);
        }
        List<SandboxBooks.Fault> faults = books.pendingFaults();
        var statements = new ArrayList<Camt053Writer.AccountStatement>();
        byAccount.forEach((account, bookings) -> statements.add(statement(name, day, account, bookings, faults)));
        if (statements.isEmpty()) {
            return name; // nothing moved: no statement, and a later call may still write one
        }
        byte[] content = new Camt053Writer().write("STMT" + day.toString().replace("-", "")
                + ids.next().toString().replace("-", "").substring(0, 16), now, SandboxBank.BANK_ZONE, statements);
        books.insertDocument(bank, BankDocument.Kind.CAMT053, name, day, content, Sha256.hex(content), now);
        log.info("sandbox bank wrote statement {} ({} accounts)", name, statements.size());
        return name;
    }

    /** One account's statement of the day: opening, its bookings (a pending fault applied once), closing. */
    private Camt053Writer.AccountStatement statement(String document, LocalDate day, String account,
                                                     List<SandboxBooks.Booking> bookings, List<SandboxBooks.Fault> faults) {
        SandboxBooks.Account held = books.account(account).orElseThrow();
        Money opening = held.opening().plus(new Money(books.bookedBefore(account, day), held.opening().currency()));
        Money closing = opening;
        var entries = new ArrayList<Camt053Writer.Entry>();
        for (SandboxBooks.Booking booking : bookings) {
            closing = closing.plus(booking.amount());
            Camt053Writer.Entry line = new Camt053Writer.Entry(booking.amount(), booking.bookingDate(), booking.valueDate(),
                    booking.endToEndId(), booking.reference(), booking.description(), booking.returnCode(),
                    "FEE".equals(booking.kind()));
            Optional<SandboxBooks.Fault> fault = faults.stream().filter(f -> targets(f, booking)).findFirst();
            if (fault.isEmpty()) {
                entries.add(line);
                continue;
            }
            faults.remove(fault.get());
            books.faultApplied(fault.get().id(), document);
            switch (fault.get().kind()) {
                case DUPLICATE_LINE -> {
                    entries.add(line);
                    entries.add(line);
                }
                case MISSING_LINE -> { }
                case AMOUNT_TYPO -> entries.add(new Camt053Writer.Entry(booking.amount().plus(new Money(fault.get().deltaMinor(),
                        booking.amount().currency())), line.bookingDate(), line.valueDate(), line.endToEndId(), line.reference(),
                        line.text(), line.returnCode(), line.fee()));
            }
        }
        return new Camt053Writer.AccountStatement(account + "-" + day, account, day, opening, closing, entries);
    }

    private static boolean targets(SandboxBooks.Fault fault, SandboxBooks.Booking booking) {
        return fault.reference().equals(booking.reference())
                || (("PAYOUT".equals(booking.kind()) || "MIRROR".equals(booking.kind()))
                    && fault.reference().equals(booking.endToEndId()));
    }

    /** Books the account's ledger entries since the last mirror that came from outside this bank. */
    private void mirror(SandboxBooks.Account account, Instant until) {
        if (!until.isAfter(account.mirroredUntil())) {
            return;
        }
        Optional<AccountView> ledgerAccount = ledgerAccountOf(account.accountNumber());
        if (ledgerAccount.isPresent()) {
            Instant from = account.mirroredUntil().plus(1, ChronoUnit.MICROS);
            for (PostedEntry posted : ledger.entriesBetween(ledgerAccount.get().id(), from, until, Ledger.ENTRIES_BETWEEN_MAX)) {
                String key = posted.postingKey();
                if (key.startsWith("payout-confirmed:") || key.startsWith("bank-fee:") || key.startsWith("manual:")
                        || key.startsWith("manual-reversal:")) {
                    continue;
                }
                // The ledger's signed amount is debit-positive; on an asset account that is the bank's credit.
                LocalDate date = LocalDate.ofInstant(posted.entry().postedAt(), SandboxBank.BANK_ZONE);
                books.book(account.accountNumber(), date, date, posted.entry().amount(),
                        BankReferences.of(key, posted.entry().transferId()),
                        "L" + posted.entry().id(), "MIRROR", null, key.length() > 140 ? key.substring(0, 140) : key);
            }
        }
        books.mirroredUntil(account.accountNumber(), until.minus(1, ChronoUnit.MICROS));
    }

    private Optional<AccountView> ledgerAccountOf(String accountNumber) {
        if (accountNumber.equals(operatingAccount)) {
            return Optional.of(ledger.open(AccountType.PLATFORM_OPERATING_CASH, null, Money.CNY));
        }
        return books.merchantOfSubAccount(accountNumber).flatMap(m -> ledger.findAccount(AccountType.ESCROW, m, Money.CNY));
    }
}
