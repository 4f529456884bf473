package org.fangxin.bank.format;

import com.prowidesoftware.swift.model.mx.MxCamt05300108;
import com.prowidesoftware.swift.model.mx.dic.AccountIdentification4Choice;
import com.prowidesoftware.swift.model.mx.dic.AccountStatement9;
import com.prowidesoftware.swift.model.mx.dic.ActiveOrHistoricCurrencyAndAmount;
import com.prowidesoftware.swift.model.mx.dic.CashBalance8;
import com.prowidesoftware.swift.model.mx.dic.CreditDebitCode;
import com.prowidesoftware.swift.model.mx.dic.DateAndDateTime2Choice;
import com.prowidesoftware.swift.model.mx.dic.EntryTransaction10;
import com.prowidesoftware.swift.model.mx.dic.ReportEntry10;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.fangxin.bank.reconciliation.domain.StatementLine;
import org.fangxin.shared.Money;

/**
 * Reads an ISO 20022 {@code camt.053.001.08} end-of-day statement into {@link BankStatement}s, one per account
 * statement in the file. Only booked entries become lines; a batch-booked entry with several transaction details
 * becomes one line per transaction, so each can be matched by its end-to-end id. All-or-nothing: any problem throws
 * {@link MalformedBankFile} naming the statement and entry.
 */
public final class Camt053Reader {

    public static final String MESSAGE_NAME = "camt.053.001.08";
    /** Bound on the entries read from one file, so a runaway export cannot exhaust memory. */
    public static final int ENTRIES_MAX = 2_000_000;

    /** Dates given as date-times are read in the bank's zone. */
    private final ZoneId bankZone;

    public Camt053Reader(ZoneId bankZone) {
        this.bankZone = bankZone;
    }

    public List<BankStatement> read(byte[] xml) {
        var entries = new Entries();
        // entries are bound one at a time as the file streams by (memory per entry, not per document)
        MxCamt05300108 message = IsoXml.read(xml, MESSAGE_NAME, MxCamt05300108.class, MxCamt05300108._classes,
                new IsoXml.Streamed<>(List.of("BkToCstmrStmt", "Stmt", "Ntry"), ReportEntry10.class, entries::add));
        var statement = message.getBkToCstmrStmt();
        if (statement == null || statement.getStmt().isEmpty()) {
            throw malformed("BkToCstmrStmt", "contains no Stmt");
        }
        var statements = new ArrayList<BankStatement>();
        for (int i = 0; i < statement.getStmt().size(); i++) {
            statements.add(statement(statement.getStmt().get(i), "Stmt[" + (i + 1) + "]", entries.ofStatement(i + 1)));
        }
        return List.copyOf(statements);
    }

    /**
     * The lines of each statement's entries, read before the statement's id and account are known: line ids are the
     * entry's position (and transaction's) until {@link #placed} prefixes the statement id and sets the account.
     */
    private final class Entries {
        private final List<List<StatementLine>> byStatement = new ArrayList<>();
        private int count;

        void add(ReportEntry10 entry, int statement, int position) {
            if (++count > ENTRIES_MAX) {
                throw malformed("BkToCstmrStmt", "more than " + ENTRIES_MAX + " entries");
            }
            while (byStatement.size() < statement) {
                byStatement.add(new ArrayList<>());
            }
            byStatement.get(statement - 1).addAll(lines(entry, "", "Stmt[" + statement + "]/Ntry[" + position + "]", position));
        }

        List<StatementLine> ofStatement(int statement) {
            return statement <= byStatement.size() ? byStatement.get(statement - 1) : List.of();
        }
    }

    private BankStatement statement(AccountStatement9 statement, String path, List<StatementLine> entryLines) {
        String id = require(statement.getId(), path + "/Id");
        if (statement.getAcct() == null) {
            throw malformed(path + "/Acct", "is missing");
        }
        String account = accountNumber(statement.getAcct().getId(), path + "/Acct/Id");
        Money opening = null;
        Money closing = null;
        for (int b = 0; b < statement.getBal().size(); b++) {
            CashBalance8 balance = statement.getBal().get(b);
            String balancePath = path + "/Bal[" + (b + 1) + "]";
            String code = balance.getTp() == null || balance.getTp().getCdOrPrtry() == null ? null : balance.getTp().getCdOrPrtry().getCd();
            if ("OPBD".equals(code) || ("PRCD".equals(code) && opening == null)) {
                opening = signed(balance.getAmt(), balance.getCdtDbtInd(), balancePath);
            } else if ("CLBD".equals(code)) {
                closing = signed(balance.getAmt(), balance.getCdtDbtInd(), balancePath);
            }
        }
        if (opening == null) {
            throw malformed(path, "has no opening booked balance (OPBD or PRCD)");
        }
        if (closing == null) {
            throw malformed(path, "has no closing booked balance (CLBD)");
        }
        var lines = new ArrayList<StatementLine>(entryLines.size());
        for (StatementLine line : entryLines) {
            lines.add(placed(line, id, account));
        }
        LocalDate from = null;
        LocalDate to = null;
        if (statement.getFrToDt() != null) {
            from = statement.getFrToDt().getFrDtTm() == null ? null : statement.getFrToDt().getFrDtTm().atZoneSameInstant(bankZone).toLocalDate();
            to = statement.getFrToDt().getToDtTm() == null ? null : statement.getFrToDt().getToDtTm().atZoneSameInstant(bankZone).toLocalDate();
        }
        return new BankStatement(id, account, from, to, opening, closing, lines);
    }

    private static StatementLine placed(StatementLine line, String statementId, String account) {
        return new StatementLine(statementId + ":" + line.lineId(), account, line.bookingDate(), line.valueDate(),
                line.signedAmount(), line.endToEndId(), line.bankReference(), line.description());
    }

    /** The entry's lines, with the entry's position (and transaction's) as line id and no account yet. */
    private List<StatementLine> lines(ReportEntry10 entry, String account, String path, int entryNumber) {
        String status = entry.getSts() == null ? null : entry.getSts().getCd() != null ? entry.getSts().getCd() : entry.getSts().getPrtry();
        require(status, path + "/Sts");
        if (!"BOOK".equals(status)) {
            return List.of(); // pending and information-only entries are not on the balance yet
        }
        Money amount = signed(entry.getAmt(), entry.getCdtDbtInd(), path);
        LocalDate booking = date(entry.getBookgDt(), path + "/BookgDt");
        LocalDate value = entry.getValDt() == null ? booking : date(entry.getValDt(), path + "/ValDt");
        String entryReference = entry.getAcctSvcrRef() != null ? entry.getAcctSvcrRef() : entry.getNtryRef();
        List<EntryTransaction10> transactions = entry.getNtryDtls().stream().flatMap(d -> d.getTxDtls().stream()).toList();
        String lineId = String.valueOf(entryNumber);
        if (transactions.size() <= 1) {
            EntryTransaction10 transaction = transactions.isEmpty() ? null : transactions.get(0);
            return List.of(new StatementLine(lineId, account, booking, value, amount, endToEndId(transaction),
                    reference(transaction, entryReference), description(entry, transaction)));
        }
        // Batch booking: split into its transactions, which must carry their amounts and add up to the entry.
        var lines = new ArrayList<StatementLine>(transactions.size());
        Money sum = Money.zero(amount.currency());
        for (int t = 0; t < transactions.size(); t++) {
            EntryTransaction10 transaction = transactions.get(t);
            String transactionPath = path + "/NtryDtls/TxDtls[" + (t + 1) + "]";
            if (transaction.getAmt() == null) {
                throw malformed(transactionPath + "/Amt", "is missing in a batch-booked entry");
            }
            CreditDebitCode indicator = transaction.getCdtDbtInd() != null ? transaction.getCdtDbtInd() : entry.getCdtDbtInd();
            Money part = signed(transaction.getAmt(), indicator, transactionPath);
            sum = sum.plus(part);
            lines.add(new StatementLine(lineId + "." + (t + 1), account, booking, value, part, endToEndId(transaction),
                    reference(transaction, entryReference == null ? null : entryReference + "/" + (t + 1)), description(entry, transaction)));
        }
        if (!sum.equals(amount)) {
            throw malformed(path, "transaction details add up to " + sum.format() + " but the entry amount is " + amount.format());
        }
        return lines;
    }

    private static String endToEndId(EntryTransaction10 transaction) {
        if (transaction == null || transaction.getRefs() == null) {
            return null;
        }
        String id = transaction.getRefs().getEndToEndId();
        return id == null || id.isBlank() || "NOTPROVIDED".equals(id) ? null : id;
    }

    private static String reference(EntryTransaction10 transaction, String entryReference) {
        if (transaction != null && transaction.getRefs() != null && transaction.getRefs().getAcctSvcrRef() != null) {
            return transaction.getRefs().getAcctSvcrRef();
        }
        return entryReference == null ? "" : entryReference;
    }

    private static String description(ReportEntry10 entry, EntryTransaction10 transaction) {
        var parts = new ArrayList<String>();
        if (transaction != null) {
            if (transaction.getRmtInf() != null) {
                parts.addAll(transaction.getRmtInf().getUstrd());
            }
            if (transaction.getAddtlTxInf() != null) {
                parts.add(transaction.getAddtlTxInf());
            }
            if (transaction.getRtrInf() != null && transaction.getRtrInf().getRsn() != null && transaction.getRtrInf().getRsn().getCd() != null) {
                parts.add("return reason " + transaction.getRtrInf().getRsn().getCd());
            }
        }
        if (parts.isEmpty() && entry.getAddtlNtryInf() != null) {
            parts.add(entry.getAddtlNtryInf());
        }
        return String.join(" / ", parts);
    }

    private Money signed(ActiveOrHistoricCurrencyAndAmount amount, CreditDebitCode indicator, String path) {
        if (amount == null || amount.getValue() == null) {
            throw malformed(path + "/Amt", "is missing");
        }
        if (indicator == null) {
            throw malformed(path + "/CdtDbtInd", "is missing");
        }
        Currency currency;
        try {
            currency = Currency.getInstance(require(amount.getCcy(), path + "/Amt/@Ccy"));
        } catch (IllegalArgumentException e) {
            throw malformed(path + "/Amt/@Ccy", "'" + amount.getCcy() + "' is not an ISO 4217 currency");
        }
        if (amount.getValue().signum() < 0) {
            throw malformed(path + "/Amt", "is negative; the sign belongs in CdtDbtInd");
        }
        long minor;
        try {
            minor = MinorUnits.of(amount.getValue(), currency);
        } catch (IllegalArgumentException e) {
            throw malformed(path + "/Amt", e.getMessage());
        }
        return new Money(indicator == CreditDebitCode.DBIT ? -minor : minor, currency);
    }

    private LocalDate date(DateAndDateTime2Choice choice, String path) {
        if (choice == null) {
            throw malformed(path, "is missing");
        }
        if (choice.getDt() != null) {
            return choice.getDt();
        }
        if (choice.getDtTm() != null) {
            return choice.getDtTm().atZoneSameInstant(bankZone).toLocalDate();
        }
        throw malformed(path, "has neither Dt nor DtTm");
    }

    private static String accountNumber(AccountIdentification4Choice id, String path) {
        if (id != null && id.getIBAN() != null) {
            return id.getIBAN();
        }
        if (id != null && id.getOthr() != null && id.getOthr().getId() != null) {
            return id.getOthr().getId();
        }
        throw malformed(path, "has neither IBAN nor Othr/Id");
    }

    private static String require(String value, String path) {
        if (value == null || value.isBlank()) {
            throw malformed(path, "is missing");
        }
        return value;
    }

    private static MalformedBankFile malformed(String path, String problem) {
        return new MalformedBankFile(MESSAGE_NAME, 0, path + " " + problem);
    }
}
