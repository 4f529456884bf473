package org.fangxin.risk.feed;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fangxin.risk.domain.FeedRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a feed file (CSV with a header row, or a JSON object whose one property "records" is an array) as a whole:
 * every record is valid or the file is refused with the first failing line (CSV line number, or JSON record number)
 * and field, and nothing of it is imported. Limits: {@value #BYTES_MAX} bytes and {@value #RECORDS_MAX} records per file.
 */
public final class FeedParser {

    public static final int BYTES_MAX = 10 * 1024 * 1024;
    public static final int RECORDS_MAX = 100_000;
    static final Set<String> COLUMNS = Set.of("creditCode", "type", "period", "value", "status", "reference", "note");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The formats a provider may send. */
    public enum Format { CSV, JSON }

    private FeedParser() {
    }

    /** The file's records in file order (duplicates with the same content kept once); refused with {@link FeedMalformed}. */
    public static List<FeedRecord> parse(Format format, byte[] content, LocalDate today) {
        if (content.length == 0) {
            throw new FeedMalformed(0, "file", "the file is empty");
        }
        if (content.length > BYTES_MAX) {
            throw new FeedMalformed(0, "file", "the file is larger than " + BYTES_MAX + " bytes");
        }
        String text = utf8(content);
        List<RawRecord> raw = format == Format.CSV ? csv(text) : json(text);
        if (raw.isEmpty()) {
            throw new FeedMalformed(0, "records", "the file has no records");
        }
        return FeedRules.validate(raw, today);
    }

    /** One record as sent, before validation: its line (CSV) or position (JSON, 1-based) and its fields as text. */
    record RawRecord(int line, Map<String, String> fields) {
        String get(String name) {
            String value = fields.get(name);
            return value == null ? "" : value.strip();
        }
    }

    private static String utf8(byte[] content) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new FeedMalformed(0, "file", "the file is not UTF-8 text");
        }
    }

    private static List<RawRecord> csv(String text) {
        List<RawRecord> records = new ArrayList<>();
        List<String> header = null;
        long lastLine = 0;
        try (CsvReader<CsvRecord> reader = CsvReader.builder().skipEmptyLines(true)
                .allowExtraFields(true).allowMissingFields(true).ofCsvRecord(text)) {
            for (CsvRecord row : reader) {
                lastLine = row.getStartingLineNumber();
                if (header == null) {
                    header = row.getFields().stream().map(String::strip).toList();
                    checkHeader(header);
                    continue;
                }
                if (records.size() >= RECORDS_MAX) {
                    throw new FeedMalformed((int) lastLine, "records", "a file holds at most " + RECORDS_MAX + " records");
                }
                records.add(new RawRecord((int) lastLine, fields(header, row, (int) lastLine)));
            }
        } catch (CsvParseException | java.io.IOException | java.io.UncheckedIOException e) {
            throw new FeedMalformed((int) lastLine + 1, "file", "not valid CSV after line " + lastLine + ": " + e.getMessage());
        }
        return records;
    }

    private static Map<String, String> fields(List<String> header, CsvRecord row, int line) {
        if (row.getFieldCount() != header.size()) {
            throw new FeedMalformed(line, "record", "has " + row.getFieldCount() + " fields; the header names " + header.size());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            fields.put(header.get(i), row.getField(i));
        }
        return fields;
    }

    private static void checkHeader(List<String> header) {
        for (String column : header) {
            if (!COLUMNS.contains(column.strip())) {
                throw new FeedMalformed(1, column, "unknown column " + column + "; the columns are " + COLUMNS);
            }
        }
        if (new java.util.HashSet<>(header).size() != header.size()) {
            throw new FeedMalformed(1, "header", "the header names a column twice");
        }
        for (String required : List.of("creditCode", "type", "period")) {
            if (!header.contains(required)) {
                throw new FeedMalformed(1, required, "the header must name the column " + required);
            }
        }
    }

    private static List<RawRecord> json(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new FeedMalformed(0, "file", "not valid JSON: " + e.getOriginalMessage());
        }
        JsonNode records = root == null || !root.isObject() ? null : root.get("records");
        if (records == null || !records.isArray() || root.size() != 1) {
            throw new FeedMalformed(0, "records", "the JSON must be an object with one property \"records\": an array");
        }
        if (records.size() > RECORDS_MAX) {
            throw new FeedMalformed(RECORDS_MAX + 1, "records", "a file holds at most " + RECORDS_MAX + " records");
        }
        List<RawRecord> raw = new ArrayList<>();
        int index = 0;
        for (JsonNode record : records) {
            raw.add(jsonRecord(++index, record));
        }
        return raw;
    }

    private static RawRecord jsonRecord(int number, JsonNode record) {
        if (!record.isObject()) {
            throw new FeedMalformed(number, "record", "each record is a JSON object");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (var property : record.properties()) {
            String name = property.getKey();
            JsonNode value = property.getValue();
            if (!COLUMNS.contains(name)) {
                throw new FeedMalformed(number, name, "unknown property " + name + "; the properties are " + COLUMNS);
            }
            if (value.isNull()) {
                continue;
            }
            if ("value".equals(name)) {
                if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                    throw new FeedMalformed(number, name, "value must be a whole JSON number (not text, not a fraction)");
                }
                fields.put(name, Long.toString(value.longValue()));
            } else if (value.isString()) {
                fields.put(name, value.stringValue());
            } else {
                throw new FeedMalformed(number, name, name + " must be text");
            }
        }
        return new RawRecord(number, fields);
    }
}
