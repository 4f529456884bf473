package org.fangxin.identity.web;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.fangxin.identity.PersonalData;
import org.fangxin.shared.AuditTrail;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Audit entries as people read them: the time in the display zone, the actor (mobile numbers masked), what was done
 * in words ("审核了商户" / "approved a merchant") and which fields changed from what to what, instead of raw JSON.
 */
@Component
class AuditRows {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    static final int CHANGES_MAX = 8;
    static final int VALUE_LENGTH_MAX = 80;

    private final MessageSource messages;
    private final JsonMapper json;

    AuditRows(MessageSource messages, JsonMapper json) {
        this.messages = messages;
        this.json = json;
    }

    /** One row of the audit page or export. */
    record Row(String time, String actor, String action, String actionCode, String objectType, String objectTypeCode,
               String objectId, List<String> changes, String requestId, Long chainPosition, String hash) {
        String changesText() {
            return String.join("; ", changes);
        }
    }

    Row row(AuditTrail.Entry entry, ZoneId zone, Locale locale) {
        String actor = "system".equals(entry.actor()) ? messages.getMessage("audit.system", null, "system", locale)
                : PersonalData.maskMobilesIn(entry.actor());
        return new Row(TIME.format(entry.occurredAt().atZone(zone)), actor,
                messages.getMessage("audit.action." + entry.action(), null, entry.action(), locale), entry.action(),
                messages.getMessage("audit.object." + entry.objectType(), null, entry.objectType(), locale), entry.objectType(),
                entry.objectId(), changes(entry, locale), entry.requestId(), entry.chainPosition(), entry.hash());
    }

    /** "field: before → after" for each field that differs; for a creation the fields it was created with. */
    List<String> changes(AuditTrail.Entry entry, Locale locale) {
        JsonNode before = parse(entry.before());
        JsonNode after = parse(entry.after());
        List<String> changes = new ArrayList<>();
        if (!before.isObject() && !after.isObject()) {
            if (!after.isMissingNode() && !after.isNull()) {
                changes.add(value(after));
            }
            return changes;
        }
        Set<String> fields = new LinkedHashSet<>();
        before.propertyNames().forEach(fields::add);
        after.propertyNames().forEach(fields::add);
        boolean created = before.isMissingNode() || before.isNull();
        for (String field : fields) {
            JsonNode was = before.path(field);
            JsonNode now = after.path(field);
            if (was.equals(now)) {
                continue;
            }
            if (changes.size() == CHANGES_MAX) {
                changes.add("…");
                break;
            }
            changes.add(created || was.isMissingNode() ? field + ": " + value(now) : field + ": " + value(was) + " → " + value(now));
        }
        if (changes.isEmpty()) {
            changes.add(messages.getMessage("audit.changes.none", null, "", locale));
        }
        return changes;
    }

    private JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return json.missingNode();
        }
        try {
            return json.readTree(text);
        } catch (RuntimeException notJson) {
            return json.getNodeFactory().stringNode(text);
        }
    }

    private static String value(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return "—";
        }
        String text = node.isValueNode() ? node.asString() : node.toString();
        text = PersonalData.maskMobilesIn(text);
        return text.length() > VALUE_LENGTH_MAX ? text.substring(0, VALUE_LENGTH_MAX) + "…" : text;
    }
}
