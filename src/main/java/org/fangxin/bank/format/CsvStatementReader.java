package org.fangxin.bank.format;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fangxin.bank.reconciliation.domain.StatementLine;
import org.fangxin.shared.Money;
import org.fangxin.shared.MoneyFormat;

/**
 * Reads a bank's CSV statement export with a {@link CsvMapping}. All-or-nothing: the first problem throws
 * {@link MalformedBankFile} with the file's line number and nothing is returned. Fields may be quoted ({@code "1,234.50"},
 * {@code ""} for a quote); a quoted field cannot span lines. Blank lines are skipped.
 */
public final class CsvStatementReader {

    public static final String FORMAT = "CSV";
    /** Bound on data lines per file, so a runaway export cannot exhaust memory. */
    public static final int LINES_MAX = 5_000_000;
    /** Distinct date texts remembered while reading; statements hold few distinct dates, parsing each once is fast. */
    private static final int DATE_CACHE_MAX = 4_096;

    private final CsvMapping mapping;
    private final DateTimeFormatter dates;
    private final int fractionDigits;

    public CsvStatementReader(CsvMapping mapping) {
        this.mapping = mapping;
        // STRICT with 'u' rejects 2026-02-30 instead of quietly moving it to the 28th.
        this.dates = DateTimeFormatter.ofPattern(mapping.dateFormat().replace('y', 'u')).withResolverStyle(ResolverStyle.STRICT);
        this.fractionDigits = mapping.currency().getDefaultFractionDigits();
    }

    public List<StatementLine> read(Path file, String statementId) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, statementId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param statementId prefix of each line's id ({@code statementId:lineNumber}), e.g. the import's id
     */
    public List<StatementLine> read(InputStream in, String statementId) {
        var decoder = mapping.encoding().newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        var lines = new ArrayList<StatementLine>();
        // Trailer rows are only known at the end: hold the last few lines back until more follow.
        var heldBack = new ArrayDeque<NumberedText>(mapping.trailerRows() + 1);
        var dateCache = new HashMap<String, LocalDate>();
        int lineNumber = 0;
        try (var reader = new BufferedReader(new InputStreamReader(in, decoder), 1 << 16)) {
            String text;
            while ((text = reader.readLine()) != null) {
                lineNumber++;
                if (lineNumber == 1 && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
                    text = text.substring(1);
                }
                if (lineNumber <= mapping.headerRows() || text.isBlank()) {
                    continue;
                }
                heldBack.addLast(new NumberedText(lineNumber, text));
                if (heldBack.size() > mapping.trailerRows()) {
                    NumberedText row = heldBack.removeFirst();
                    if (lines.size() == LINES_MAX) {
                        throw new MalformedBankFile(FORMAT, row.number(), "more than " + LINES_MAX + " data lines");
                    }
                    lines.add(line(row, statementId, dateCache));
                }
            }
        } catch (CharacterCodingException e) {
            throw new MalformedBankFile(FORMAT, lineNumber + 1, "not valid " + mapping.encoding().name() + " text", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (lines.isEmpty()) {
            throw new MalformedBankFile(FORMAT, 0, "no data lines after " + mapping.headerRows() + " header and "
                    + mapping.trailerRows() + " trailer rows");
        }
        return lines;
    }

    private record NumberedText(int number, String text) {
    }

    private StatementLine line(NumberedText row, String statementId, Map<String, LocalDate> dateCache) {
        List<String> fields = split(row);
        if (fields.size() < mapping.columnsRequired()) {
            throw problem(row, "expected at least " + mapping.columnsRequired() + " columns, found " + fields.size());
        }
        LocalDate booking = date(row, fields, mapping.bookingDateColumn(), "booking date", dateCache);
        LocalDate value = mapping.valueDateColumn() == CsvMapping.NONE || field(fields, mapping.valueDateColumn()).isEmpty()
                ? booking : date(row, fields, mapping.valueDateColumn(), "value date", dateCache);
        long amount = mapping.amountColumn() != CsvMapping.NONE ? signedAmount(row, fields) : debitOrCredit(row, fields);
        String account = mapping.accountColumn() == CsvMapping.NONE ? mapping.fixedAccountNumber() : field(fields, mapping.accountColumn());
        if (account.isEmpty()) {
            throw problem(row, "column " + mapping.accountColumn() + " (account) is empty");
        }
        return new StatementLine(statementId + ":" + row.number(), account, booking, value, new Money(amount, mapping.currency()),
                optional(fields, mapping.endToEndIdColumn()), optional(fields, mapping.referenceColumn()),
                optional(fields, mapping.descriptionColumn()));
    }

    private long signedAmount(NumberedText row, List<String> fields) {
        long amount = amount(row, fields, mapping.amountColumn(), "amount");
        if (mapping.directionColumn() == CsvMapping.NONE) {
            return amount;
        }
        if (amount < 0) {
            throw problem(row, "column " + mapping.amountColumn() + " (amount) is negative although a direction column gives the sign");
        }
        String direction = field(fields, mapping.directionColumn());
        if (direction.isEmpty()) {
            throw problem(row, "column " + mapping.directionColumn() + " (direction) is empty");
        }
        return direction.equalsIgnoreCase(mapping.debitMarker()) ? -amount : amount;
    }

    private long debitOrCredit(NumberedText row, List<String> fields) {
        boolean hasDebit = !field(fields, mapping.debitColumn()).isEmpty();
        boolean hasCredit = !field(fields, mapping.creditColumn()).isEmpty();
        long debit = hasDebit ? amount(row, fields, mapping.debitColumn(), "debit") : 0;
        long credit = hasCredit ? amount(row, fields, mapping.creditColumn(), "credit") : 0;
        if (debit < 0 || credit < 0) {
            throw problem(row, "debit and credit columns hold unsigned amounts, found a negative one");
        }
        if (debit != 0 && credit != 0) {
            throw problem(row, "both debit (column " + mapping.debitColumn() + ") and credit (column " + mapping.creditColumn() + ") are filled");
        }
        if (!hasDebit && !hasCredit) {
            throw problem(row, "neither debit (column " + mapping.debitColumn() + ") nor credit (column " + mapping.creditColumn() + ") is filled");
        }
        return credit - debit;
    }

    private long amount(NumberedText row, List<String> fields, int column, String name) {
        try {
            return MoneyFormat.parseMinor(field(fields, column), mapping.decimalSeparator(), fractionDigits);
        } catch (IllegalArgumentException e) {
            throw problem(row, "column " + column + " (" + name + "): " + e.getMessage());
        }
    }

    private LocalDate date(NumberedText row, List<String> fields, int column, String name, Map<String, LocalDate> cache) {
        String text = field(fields, column);
        LocalDate date = cache.get(text);
        if (date != null) {
            return date;
        }
        try {
            date = LocalDate.parse(text, dates);
        } catch (DateTimeParseException e) {
            throw problem(row, "column " + column + " (" + name + "): '" + text + "' is not a date in format " + mapping.dateFormat());
        }
        if (cache.size() < DATE_CACHE_MAX) {
            cache.put(text, date);
        }
        return date;
    }

    private static String field(List<String> fields, int column) {
        return fields.get(column - 1);
    }

    private static String optional(List<String> fields, int column) {
        return column == CsvMapping.NONE ? null : field(fields, column);
    }

    /** Splits one line into trimmed fields, honouring double quotes. */
    private List<String> split(NumberedText row) {
        String text = row.text();
        char delimiter = mapping.delimiter();
        var fields = new ArrayList<String>(Math.max(8, mapping.columnsRequired()));
        int i = 0;
        int length = text.length();
        while (true) {
            while (i < length && text.charAt(i) == ' ') {
                i++;
            }
            if (i < length && text.charAt(i) == '"') {
                var field = new StringBuilder();
                i++;
                while (true) {
                    if (i >= length) {
                        throw problem(row, "a quoted field is not closed");
                    }
                    char c = text.charAt(i++);
                    if (c == '"') {
                        if (i < length && text.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                while (i < length && text.charAt(i) == ' ') {
                    i++;
                }
                if (i < length && text.charAt(i) != delimiter) {
                    throw problem(row, "unexpected text after a quoted field in column " + (fields.size() + 1));
                }
                fields.add(field.toString().strip());
            } else {
                int end = text.indexOf(delimiter, i);
                if (end < 0) {
                    end = length;
                }
                fields.add(text.substring(i, end).strip());
                i = end;
            }
            if (i >= length) {
                return fields;
            }
            i++; // the delimiter
            if (fields.size() > CsvMapping.COLUMNS_MAX) {
                throw problem(row, "more than " + CsvMapping.COLUMNS_MAX + " columns");
            }
        }
    }

    private static MalformedBankFile problem(NumberedText row, String problem) {
        return new MalformedBankFile(FORMAT, row.number(), problem);
    }
}
