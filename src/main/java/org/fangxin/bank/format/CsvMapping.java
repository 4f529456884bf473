package org.fangxin.bank.format;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Objects;
import org.fangxin.shared.Money;

/**
 * Where a bank's CSV export keeps each field. Columns are counted from 1 as in a spreadsheet; {@link #NONE} means the
 * file has no such column. The amount is either one signed column (optionally with a debit/credit direction column)
 * or a pair of debit and credit columns holding unsigned amounts.
 *
 * @param encoding            e.g. GBK for most Chinese bank exports, UTF-8 otherwise
 * @param headerRows          rows at the top that are not data (titles, account header, column names)
 * @param trailerRows         rows at the bottom that are not data (totals such as 合计)
 * @param dateFormat          a {@link DateTimeFormatter} pattern, e.g. {@code yyyy-MM-dd} or {@code yyyyMMdd}
 * @param decimalSeparator    {@code '.'} or {@code ','}; the other one is taken as the grouping separator
 * @param debitMarker         with a direction column: the text that marks a debit (e.g. 借 or D); anything else is a credit
 * @param fixedAccountNumber  the account of every line when the file has no account column (one file per account)
 */
public record CsvMapping(char delimiter, Charset encoding, int headerRows, int trailerRows, String dateFormat,
                         char decimalSeparator, Currency currency,
                         int bookingDateColumn, int valueDateColumn,
                         int amountColumn, int directionColumn, String debitMarker,
                         int debitColumn, int creditColumn,
                         int accountColumn, String fixedAccountNumber,
                         int referenceColumn, int endToEndIdColumn, int descriptionColumn) {

    public static final int NONE = 0;
    /** Columns beyond this are a configuration mistake. */
    public static final int COLUMNS_MAX = 200;

    public CsvMapping {
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(currency, "currency");
        DateTimeFormatter.ofPattern(Objects.requireNonNull(dateFormat, "dateFormat"));
        if (decimalSeparator != '.' && decimalSeparator != ',') {
            throw new IllegalArgumentException("decimal separator must be '.' or ',' not '" + decimalSeparator + "'");
        }
        if (delimiter == decimalSeparator && delimiter != ',') {
            throw new IllegalArgumentException("delimiter and decimal separator are both '" + delimiter + "'");
        }
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("delimiter cannot be '" + delimiter + "'");
        }
        if (headerRows < 0 || trailerRows < 0) {
            throw new IllegalArgumentException("header and trailer rows cannot be negative");
        }
        requireColumn(bookingDateColumn, "bookingDateColumn", true);
        requireColumn(valueDateColumn, "valueDateColumn", false);
        requireColumn(amountColumn, "amountColumn", false);
        requireColumn(directionColumn, "directionColumn", false);
        requireColumn(debitColumn, "debitColumn", false);
        requireColumn(creditColumn, "creditColumn", false);
        requireColumn(accountColumn, "accountColumn", false);
        requireColumn(referenceColumn, "referenceColumn", false);
        requireColumn(endToEndIdColumn, "endToEndIdColumn", false);
        requireColumn(descriptionColumn, "descriptionColumn", false);
        boolean single = amountColumn != NONE;
        boolean split = debitColumn != NONE || creditColumn != NONE;
        if (single == split || (split && (debitColumn == NONE || creditColumn == NONE))) {
            throw new IllegalArgumentException("map either an amount column or both a debit and a credit column");
        }
        if (directionColumn != NONE && (!single || debitMarker == null || debitMarker.isBlank())) {
            throw new IllegalArgumentException("a direction column needs an amount column and a debit marker");
        }
        if ((accountColumn == NONE) == (fixedAccountNumber == null || fixedAccountNumber.isBlank())) {
            throw new IllegalArgumentException("map either an account column or a fixed account number");
        }
    }

    private static void requireColumn(int column, String name, boolean required) {
        if (column < 0 || column > COLUMNS_MAX || (required && column == NONE)) {
            throw new IllegalArgumentException(name + " must be " + (required ? "1" : "0") + ".." + COLUMNS_MAX + ", not " + column);
        }
    }

    /** Highest column a data row must have. */
    int columnsRequired() {
        int max = 0;
        for (int column : new int[] {bookingDateColumn, valueDateColumn, amountColumn, directionColumn, debitColumn, creditColumn,
                accountColumn, referenceColumn, endToEndIdColumn, descriptionColumn}) {
            max = Math.max(max, column);
        }
        return max;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a mapping field by field; defaults: comma, UTF-8, one header row, yyyy-MM-dd, '.', CNY. */
    public static final class Builder {
        private char delimiter = ',';
        private Charset encoding = StandardCharsets.UTF_8;
        private int headerRows = 1;
        private int trailerRows;
        private String dateFormat = "yyyy-MM-dd";
        private char decimalSeparator = '.';
        private Currency currency = Money.CNY;
        private int bookingDateColumn;
        private int valueDateColumn;
        private int amountColumn;
        private int directionColumn;
        private String debitMarker;
        private int debitColumn;
        private int creditColumn;
        private int accountColumn;
        private String fixedAccountNumber;
        private int referenceColumn;
        private int endToEndIdColumn;
        private int descriptionColumn;

        public Builder delimiter(char value) { delimiter = value; return this; }
        public Builder encoding(Charset value) { encoding = value; return this; }
        public Builder headerRows(int value) { headerRows = value; return this; }
        public Builder trailerRows(int value) { trailerRows = value; return this; }
        public Builder dateFormat(String value) { dateFormat = value; return this; }
        public Builder decimalSeparator(char value) { decimalSeparator = value; return this; }
        public Builder currency(Currency value) { currency = value; return this; }
        public Builder bookingDate(int column) { bookingDateColumn = column; return this; }
        public Builder valueDate(int column) { valueDateColumn = column; return this; }
        public Builder amount(int column) { amountColumn = column; return this; }
        public Builder direction(int column, String debitMarkerText) { directionColumn = column; debitMarker = debitMarkerText; return this; }
        public Builder debitAndCredit(int debit, int credit) { debitColumn = debit; creditColumn = credit; return this; }
        public Builder account(int column) { accountColumn = column; return this; }
        public Builder fixedAccount(String accountNumber) { fixedAccountNumber = accountNumber; return this; }
        public Builder reference(int column) { referenceColumn = column; return this; }
        public Builder endToEndId(int column) { endToEndIdColumn = column; return this; }
        public Builder description(int column) { descriptionColumn = column; return this; }

        public CsvMapping build() {
            return new CsvMapping(delimiter, encoding, headerRows, trailerRows, dateFormat, decimalSeparator, currency,
                    bookingDateColumn, valueDateColumn, amountColumn, directionColumn, debitMarker, debitColumn, creditColumn,
                    accountColumn, fixedAccountNumber, referenceColumn, endToEndIdColumn, descriptionColumn);
        }
    }
}
