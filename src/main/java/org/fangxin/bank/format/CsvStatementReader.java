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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import org.fangxin.bank.reconciliation.domain.StatementLine;
import org.fangxin.shared.Money;
import org.fangxin.shared.MoneyFormat;

/**
 * Reads a bank's CSV statement export with a {@link CsvMapping}. All-or-nothing: the first problem throws
 * {@link MalformedBankFile} with the file's line number and nothing is returned. Fields may be quoted ({@code "1,234.50"},
 * {@code ""} for a quote) and a quoted field may span lines (RFC 4180, parsed by FastCSV as the file streams in; a
 * line's number is the line its record starts on). Blank lines are skipped.
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
        var lines = new ArrayList<StatementLine>();
        // Trailer rows are only known at the end: hold the last few records back until more follow.
        var heldBack = new ArrayDeque<NumberedText>(mapping.trailerRows() + 1);
        var dateCache = new HashMap<String, LocalDate>();
        int records = 0;
        long lastLine = 0;
        List<String> lastFields = null;
        try (var csv = open(in)) {
            for (CsvRecord record : csv) {
                records++;
                lastLine = record.getStartingLineNumber();
                lastFields = record.getFields();
                if (records > mapping.headerRows() && !isBlank(record)) {
                    heldBack.addLast(new NumberedText((int) lastLine, record.getFields()));
                    release(heldBack, lines, statementId, dateCache);
                }
            }
        } catch (CsvParseException e) {
            throw unclosedQuote(e, lastLine);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw new MalformedBankFile(FORMAT, (int) lastLine + 1, "not valid " + mapping.encoding().name() + " text", e);
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        requireClosedQuotes(lastFields, lastLine);
        if (lines.isEmpty()) {
            throw new MalformedBankFile(FORMAT, 0, "no data lines after " + mapping.headerRows() + " header and "
                    + mapping.trailerRows() + " trailer rows");
        }
        return lines;
    }

    /** Reads in the mapping's encoding and refuses bytes that are not valid in it. */
    private CsvReader<CsvRecord> open(InputStream in) {
        var decoder = mapping.encoding().newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return CsvReader.builder().fieldSeparator(mapping.delimiter()).allowExtraFields(true).allowMissingFields(true)
                .trimWhitespacesAroundQuotes(true).skipEmptyLines(true)
                .ofCsvRecord(new BufferedReader(new InputStreamReader(in, decoder), 1 << 16));
    }

    /** Reads the oldest held-back record as a line once more records than the trailer follow it. */
    private void release(ArrayDeque<NumberedText> heldBack, List<StatementLine> lines, String statementId,
                         Map<String, LocalDate> dateCache) {
        if (heldBack.size() > mapping.trailerRows()) {
            NumberedText row = heldBack.removeFirst();
            if (lines.size() == LINES_MAX) {
                throw new MalformedBankFile(FORMAT, row.number(), "more than " + LINES_MAX + " data lines");
            }
            lines.add(line(row, statementId, dateCache));
        }
    }

    /** The file's first field may start with a byte-order mark; a record of one blank field is a blank line. */
    private static boolean isBlank(CsvRecord record) {
        return record.getFieldCount() == 1 && (record.getField(0).isBlank() || record.getField(0).equals("\uFEFF"));
    }

    private static final Pattern STARTED_IN_LINE = Pattern.compile("started in line (\\d+)");

    /** FastCSV refuses text after a closing quote; name the line where that record started. */
    private static MalformedBankFile unclosedQuote(CsvParseException e, long lastLine) {
        Matcher started = STARTED_IN_LINE.matcher(String.valueOf(e.getMessage()));
        int line = started.find() ? Integer.parseInt(started.group(1)) : (int) lastLine + 1;
        return new MalformedBankFile(FORMAT, line, "a quoted field is not closed, or text follows its closing quote", e);
    }

    /**
     * A quoted field may span lines; one never closed runs to the end of the file, so the last record's last field
     * ends with the file's final line break. Refused rather than read as one long field.
     */
    private static void requireClosedQuotes(List<String> lastFields, long lastLine) {
        if (lastFields != null && endsWithLineBreak(lastFields)) {
            throw new MalformedBankFile(FORMAT, (int) lastLine, "a quoted field is not closed");
        }
    }

    private static boolean endsWithLineBreak(List<String> fields) {
        String lastField = fields.get(fields.size() - 1);
        return lastField.endsWith("\n") || lastField.endsWith("\r");
    }

    private record NumberedText(int number, List<String> fields) {
    }

    private StatementLine line(NumberedText row, String statementId, Map<String, LocalDate> dateCache) {
        List<String> fields = stripped(row);
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

    /** The record's fields without surrounding spaces (a first field's byte-order mark dropped). */
    private List<String> stripped(NumberedText row) {
        List<String> fields = row.fields();
        if (fields.size() > CsvMapping.COLUMNS_MAX + 1) {
            throw problem(row, "more than " + CsvMapping.COLUMNS_MAX + " columns");
        }
        var result = new ArrayList<String>(fields.size());
        for (String field : fields) {
            result.add(field.strip());
        }
        if (!result.isEmpty() && result.get(0).startsWith("\uFEFF")) {
            result.set(0, result.get(0).substring(1).strip());
        }
        return result;
    }

    private static MalformedBankFile problem(NumberedText row, String problem) {
        return new MalformedBankFile(FORMAT, row.number(), problem);
    }
}
