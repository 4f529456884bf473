package org.fangxin.complaint;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.fangxin.complaint.domain.CaseProgress;
import org.fangxin.complaint.domain.Party;
import org.fangxin.complaint.persistence.CaseRecords;
import org.fangxin.complaint.persistence.CaseRepository;
import org.fangxin.complaint.persistence.CaseRow;
import org.fangxin.complaint.workflow.Note;
import org.fangxin.complaint.workflow.CaseDesk;
import org.fangxin.complaint.workflow.Intake;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Merchants;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.Money;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Complaints transferred from 12315 (CSV, layout in docs/complaints.md) enter the same workflow as the platform's own:
 * each row opens a case about the merchant named by its credit code, at merchant negotiation, for the consumer with
 * that mobile (or, until they have an account, for the mobile). All rows are checked first: one bad row refuses the
 * file with every error listed and nothing written; a row whose 12315 number was imported before is skipped.
 */
@Service
@Transactional
public class ComplaintImports {

    public static final List<String> COLUMNS = List.of("ref", "received_on", "consumer_name", "consumer_mobile",
            "merchant_credit_code", "category", "asked_yuan", "asked_action", "description");
    public static final int ROWS_MAX = 5_000;
    public static final int CHARACTERS_MAX = 5_000_000;
    static final int ERRORS_SHOWN_MAX = 50;

    private final CaseRepository cases;
    private final CaseRecords records;
    private final CaseDesk desk;
    private final Merchants merchants;
    private final Users users;
    private final IdGenerator ids;

    ComplaintImports(CaseRepository cases, CaseRecords records, CaseDesk desk, Merchants merchants, Users users,
                     IdGenerator ids) {
        this.cases = cases;
        this.records = records;
        this.desk = desk;
        this.merchants = merchants;
        this.users = users;
        this.ids = ids;
    }

    /** One checked row. */
    private record Row(long line, String ref, LocalDate receivedOn, String consumerName, String mobile, MerchantView merchant,
                       ComplaintCategory category, Money asked, String action, String description) { }

    /** OPERATOR: imports a 12315 CSV file (UTF-8, header row). */
    public ImportResult import12315(Actor actor, String csv) {
        if (!actor.is(Role.OPERATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only platform operators import complaints from 12315");
        }
        if (csv == null || csv.isBlank() || csv.length() > CHARACTERS_MAX) {
            throw Rejection.invalid("file", "a CSV file of at most " + CHARACTERS_MAX + " characters with a header row");
        }
        List<Map<String, Object>> errors = new ArrayList<>();
        List<Row> rows = parse(csv, errors);
        if (!errors.isEmpty()) {
            throw new Rejection(ProblemType.INVALID_INPUT, errors.size() + " row error(s); nothing was imported",
                    Map.of("errors", errors.subList(0, Math.min(errors.size(), ERRORS_SHOWN_MAX))));
        }
        List<String> numbers = new ArrayList<>();
        int duplicates = 0;
        for (Row row : rows) {
            if (cases.externalRefTaken(row.ref())) {
                duplicates++;
            } else {
                numbers.add(open(actor, row));
            }
        }
        return new ImportResult(numbers.size(), duplicates, numbers);
    }

    private String open(Actor actor, Row r) {
        UUID id = ids.next();
        Optional<UserAccount> consumer = users.findByMobile(r.mobile()).filter(u -> u.is(Role.CONSUMER));
        CaseProgress progress = CaseProgress.filed(desk.today(), desk.schedule(r.merchant().regionCode()));
        CaseRow row = new CaseRow(id, desk.caseNumber(id), "12315", r.ref(), consumer.map(UserAccount::id).orElse(null),
                r.mobile(), r.consumerName(), r.merchant().id(), r.merchant().legalName(), r.merchant().sector().name(),
                r.merchant().regionCode(), null, null, null, ComplaintSubject.MERCHANT, r.category(), r.asked(), r.action(),
                r.description(), progress, false, Money.zero(Money.CNY), desk.now(), desk.today(), null, null, null, true,
                false, false, 0);
        CaseRow saved = desk.open(row, Party.PLATFORM, actor.username(), Note.of("imported", r.ref()));
        records.insertMessage(new MessageView(ids.next(), id, actor.username(), Party.PLATFORM.name(), r.ref(), desk.now(),
                "complaint.message.imported", List.of(r.ref(), String.valueOf(r.receivedOn()))), actor.userId());
        return saved.caseNumber();
    }

    private List<Row> parse(String csv, List<Map<String, Object>> errors) {
        List<Row> rows = new ArrayList<>();
        Set<String> refs = new HashSet<>();
        try (CsvReader<NamedCsvRecord> reader = CsvReader.builder().detectBomHeader(true).ofNamedCsvRecord(csv)) {
            for (NamedCsvRecord record : reader) {
                if (rows.size() + errors.size() >= ROWS_MAX) {
                    errors.add(error(record.getStartingLineNumber(), "file", "at most " + ROWS_MAX + " rows per import"));
                    break;
                }
                if (!record.getHeader().containsAll(COLUMNS)) {
                    errors.add(error(1, "header", "the header must name " + String.join(",", COLUMNS)));
                    break;
                }
                row(record, errors).ifPresent(row -> {
                    if (!refs.add(row.ref())) {
                        errors.add(error(row.line(), "ref", "the 12315 number " + row.ref() + " is in the file twice"));
                    } else {
                        rows.add(row);
                    }
                });
            }
        } catch (CsvParseException | java.io.IOException e) {
            errors.add(error(0, "file", "not a readable CSV file: " + e.getMessage()));
        }
        if (rows.isEmpty() && errors.isEmpty()) {
            errors.add(error(1, "file", "the file has no rows"));
        }
        return rows;
    }

    private Optional<Row> row(NamedCsvRecord record, List<Map<String, Object>> errors) {
        long line = record.getStartingLineNumber();
        int before = errors.size();
        String ref = field(record, "ref");
        if (!ref.matches("[0-9A-Za-z-]{1,64}")) {
            errors.add(error(line, "ref", "a 12315 number of 1 to 64 letters, digits or dashes"));
        }
        LocalDate received = receivedOn(field(record, "received_on"), line, errors);
        String mobile = field(record, "consumer_mobile");
        if (!mobile.matches("1[3-9][0-9]{9}")) {
            errors.add(error(line, "consumer_mobile", "an 11-digit mainland mobile number"));
        }
        String name = field(record, "consumer_name");
        if (name.length() > 100) {
            errors.add(error(line, "consumer_name", "at most 100 characters"));
        }
        MerchantView merchant = merchants.findByCreditCode(field(record, "merchant_credit_code")).orElse(null);
        if (merchant == null) {
            errors.add(error(line, "merchant_credit_code", "no merchant on the platform has this credit code"));
        }
        ComplaintCategory category = category(field(record, "category"));
        if (category == null) {
            errors.add(error(line, "category", "one of REFUND_REFUSED, SERVICE_NOT_DELIVERED, QUALITY, CONTRACT_CLAUSE, STORE_CLOSED, OTHER"));
        }
        Money asked = yuan(field(record, "asked_yuan"), line, errors);
        String action = field(record, "asked_action");
        String description = field(record, "description");
        checkAsk(asked, action, description, line, errors);
        if (errors.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new Row(line, ref, received, name.isEmpty() ? null : name, mobile, merchant, category, asked,
                action.isEmpty() ? null : action, description));
    }

    private static LocalDate receivedOn(String text, long line, List<Map<String, Object>> errors) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(error(line, "received_on", "a date like 2026-09-24"));
            return null;
        }
    }

    /** What the consumer asks (an amount and/or an action) and the description, as the intake checks them. */
    private static void checkAsk(Money asked, String action, String description, long line,
                                 List<Map<String, Object>> errors) {
        try {
            Intake.validateAsk(asked, action);
        } catch (Rejection rejection) {
            errors.add(error(line, String.valueOf(rejection.properties().getOrDefault("field", "asked")), rejection.getMessage()));
        }
        if (description.length() < Intake.DESCRIPTION_LENGTH_MIN || description.length() > Intake.DESCRIPTION_LENGTH_MAX) {
            errors.add(error(line, "description", Intake.DESCRIPTION_LENGTH_MIN + " to " + Intake.DESCRIPTION_LENGTH_MAX + " characters"));
        }
    }

    private static Money yuan(String text, long line, List<Map<String, Object>> errors) {
        if (text.isEmpty()) {
            return null;
        }
        if (!text.matches("[0-9]{1,8}(\\.[0-9]{1,2})?")) {
            errors.add(error(line, "asked_yuan", "an amount in yuan like 1200 or 1200.50"));
            return null;
        }
        return Money.fen(new BigDecimal(text).movePointRight(2).longValueExact());
    }

    private static ComplaintCategory category(String text) {
        for (ComplaintCategory category : ComplaintCategory.values()) {
            if (category.name().equalsIgnoreCase(text)) {
                return category;
            }
        }
        return null;
    }

    private static String field(NamedCsvRecord record, String name) {
        return record.findField(name).map(String::strip).orElse("");
    }

    private static Map<String, Object> error(long line, String field, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("line", line);
        error.put("field", field);
        error.put("message", message);
        return error;
    }
}
