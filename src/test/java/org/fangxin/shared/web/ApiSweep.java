package org.fangxin.shared.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A malformed-input sweep generated from {@code /v3/api-docs}: every mutating operation gets broken bodies (empty, not
 * JSON, wrong types, missing and unknown fields, negative, zero, 2^63, 1e309 and 1.5 where a number goes, bad UTF-8,
 * long and injection strings) and broken path parameters, sent as a role that may call it. Every answer must be a 4xx
 * RFC 9457 document naming no implementation detail (injection strings may also be accepted, as data); nothing may be
 * a 5xx. Used by {@code ApiSweepTests} in the build, and runnable by hand against a running service:
 * {@code java ... ApiSweep http://127.0.0.1:8080 operator=<token> consumer=<token> ...}.
 */
public final class ApiSweep {

    static final int FIELDS_PER_OPERATION_MAX = 8;
    static final String LONG_STRING = "长".repeat(5_000) + "x".repeat(5_000);
    static final List<String> INJECTIONS = List.of("' OR '1'='1' --", "<script>alert(1)</script>", "${jndi:ldap://x/a}",
            "../../../../etc/passwd", "\u0000", "%00%2F", "Robert'); DROP TABLE card;--");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Whether an answer may be a success: malformed input must be refused; odd-but-well-formed data may be stored. */
    enum Expect { REFUSED, NO_SERVER_ERROR }

    record Probe(String method, String path, String template, String variant, byte[] body, Expect expect, String contentType) {
        Probe(String method, String path, String template, String variant, byte[] body, Expect expect) {
            this(method, path, template, variant, body, expect, "application/json");
        }
    }

    record Finding(Probe probe, int status, String contentType, String body) {
        @Override
        public String toString() {
            String shown = body.length() > 300 ? body.substring(0, 300) + "…" : body;
            return probe.method() + " " + probe.path() + " [" + probe.variant() + "] -> " + status + " " + contentType + " " + shown;
        }
    }

    /** {@code media}: the body's media types other than JSON (multipart uploads, CSV imports). */
    record Operation(String method, String template, List<String> pathParameters, JsonNode bodySchema, boolean jsonBody,
                     List<String> media) { }

    private final JsonNode docs;
    private final Map<String, String> knownIds = new LinkedHashMap<>();
    private final Map<String, String> knownFields = new LinkedHashMap<>();

    ApiSweep(JsonNode docs) {
        this.docs = docs;
    }

    /**
     * Real objects to aim at, so broken bodies reach the checks behind the "does it exist" one: {@code "/api/v1/merchants/{id}"}
     * → a merchant's id is used wherever a template starts with that prefix.
     */
    ApiSweep aimingAt(String templatePrefix, String id) {
        knownIds.put(templatePrefix, id);
        return this;
    }

    /** A real value for a body field of that name ({@code merchantId}, {@code productId}, …) in every base body. */
    ApiSweep filling(String field, String value) {
        knownFields.put(field, value);
        return this;
    }

    /** By hand against a running service: {@code ApiSweep <base-url> <user>:<password> ...} (demo logins, say). */
    public static void main(String[] args) {
        RawHttp http = new RawHttp(args[0]);
        Map<String, String> bearers = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String[] login = args[i].split(":", 2);
            RawHttp.Answer token = http.send("POST", "/api/v1/auth/token",
                    bytes("{\"username\":\"" + login[0] + "\",\"password\":\"" + login[1] + "\"}"),
                    Map.of("Content-Type", "application/json"));
            bearers.put(login[0], token.json().get("accessToken").asString());
        }
        JsonNode docs = http.get("/v3/api-docs", Map.of("Accept", "application/json")).json();
        List<Finding> findings = new ApiSweep(docs).run(http, bearers);
        findings.forEach(System.out::println);
        System.exit(findings.isEmpty() ? 0 : 1);
    }

    /**
     * Sends every probe of every operation as the first role (in the given order) that is not refused outright, and
     * answers what broke the rules: a 5xx, a success for malformed input, a 4xx that is no problem document or
     * whose text names the implementation.
     */
    List<Finding> run(RawHttp http, Map<String, String> bearerByRole) {
        List<Finding> findings = new ArrayList<>();
        int sent = 0;
        for (Operation operation : operations()) {
            String bearer = roleFor(http, operation, bearerByRole);
            for (Probe probe : probes(operation)) {
                RawHttp.Answer answer = send(http, probe, bearer, sent++ % 2 == 0 ? "zh-CN" : "en");
                String broken = broken(probe, answer);
                if (broken != null) {
                    findings.add(new Finding(probe, answer.status(), answer.contentType(), broken + ": " + answer.body()));
                }
            }
        }
        System.out.println("api sweep: " + operations().size() + " operations, " + sent + " requests, " + findings.size() + " findings");
        return findings;
    }

    /** What is wrong with an answer, or null. */
    static String broken(Probe probe, RawHttp.Answer answer) {
        if (answer.status() >= 500) {
            return "server error";
        }
        if (answer.status() < 400) {
            return probe.expect() == Expect.REFUSED ? "malformed input accepted" : null;
        }
        if (!answer.isProblem()) {
            return "not a problem document";
        }
        if (RawHttp.IMPLEMENTATION.matcher(answer.body()).find()) {
            return "names the implementation";
        }
        JsonNode problem = answer.json();
        if (!problem.has("type") || !problem.has("title") || !problem.has("status") || !problem.has("code")) {
            return "incomplete problem document";
        }
        return null;
    }

    private String roleFor(RawHttp http, Operation operation, Map<String, String> bearerByRole) {
        byte[] empty = operation.jsonBody() ? bytes("{}") : new byte[0];
        Probe probe = new Probe(operation.method(), plainPath(operation), operation.template(), "role", empty, Expect.NO_SERVER_ERROR);
        for (String bearer : bearerByRole.values()) {
            int status = send(http, probe, bearer, "en").status();
            if (status != 401 && status != 403) {
                return bearer;
            }
        }
        return bearerByRole.values().iterator().next();
    }

    private static RawHttp.Answer send(RawHttp http, Probe probe, String bearer, String language) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", probe.contentType());
        headers.put("Accept", "application/json");
        headers.put("Accept-Language", language);
        headers.put("Idempotency-Key", "sweep-" + UUID.randomUUID());
        if (bearer != null) {
            headers.put("Authorization", "Bearer " + bearer);
        }
        return http.send(probe.method(), probe.path(), probe.body(), headers);
    }

    /** Every POST, PUT, PATCH and DELETE under /api/ in the document. */
    List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : docs.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                String method = operation.getKey().toUpperCase();
                if (!List.of("POST", "PUT", "PATCH", "DELETE").contains(method) || !path.getKey().startsWith("/api/")) {
                    continue;
                }
                List<String> pathParameters = new ArrayList<>();
                for (JsonNode parameter : operation.getValue().path("parameters")) {
                    if ("path".equals(parameter.path("in").asString())) {
                        pathParameters.add(parameter.get("name").asString());
                    }
                }
                JsonNode content = operation.getValue().path("requestBody").path("content");
                JsonNode schema = content.path("application/json").path("schema");
                List<String> media = new ArrayList<>(content.propertyNames());
                media.remove("application/json");
                operations.add(new Operation(method, path.getKey(), pathParameters, schema.isMissingNode() ? null : resolve(schema),
                        content.has("application/json"), media));
            }
        }
        return operations;
    }

    /** The path with every parameter set to a well-formed value that names nothing (a fresh UUID, a plain word). */
    String plainPath(Operation operation) {
        String path = operation.template();
        for (String parameter : operation.pathParameters()) {
            String known = null;
            for (Map.Entry<String, String> aim : knownIds.entrySet()) {
                if (operation.template().startsWith(aim.getKey()) && aim.getKey().endsWith("{" + parameter + "}")) {
                    known = aim.getValue();
                }
            }
            String plain = parameter.toLowerCase().endsWith("id") ? UUID.randomUUID().toString() : "SWEEP";
            path = path.replace("{" + parameter + "}", known != null ? known : plain);
        }
        return path;
    }

    /** The probes of one operation: broken bodies on a plain path, then broken path parameters with a plain body. */
    List<Probe> probes(Operation operation) {
        List<Probe> probes = new ArrayList<>();
        String path = plainPath(operation);
        JsonNode base = operation.bodySchema() == null ? JSON.createObjectNode() : sample(operation.bodySchema(), 0);
        if (base instanceof ObjectNode object) {
            knownFields.forEach((field, value) -> {
                if (object.has(field)) {
                    object.put(field, value);
                }
            });
        }
        byte[] plainBody = bytes(base.toString());
        if (operation.jsonBody()) {
            bodies(operation, path, base, probes);
        }
        operation.media().forEach(media -> otherBodies(operation, path, media, probes));
        for (String parameter : operation.pathParameters()) {
            for (String value : List.of("-1", "0", "9223372036854775808", "1e309", "1.5", "not-a-valid-id", "%00", "%2F", "%3B",
                    "%5C", "%FF", "..", "%20", "x".repeat(3_000), "'%20OR%201=1--")) {
                String broken = operation.template().replace("{" + parameter + "}", value);
                for (String other : operation.pathParameters()) {
                    broken = broken.replace("{" + other + "}", UUID.randomUUID().toString());
                }
                // a word or a number may be a valid sector, region or code: it must only not break the server
                String name = parameter.toLowerCase();
                Expect expect = name.endsWith("id") || name.equals("day") || name.contains("date") ? Expect.REFUSED : Expect.NO_SERVER_ERROR;
                probes.add(new Probe(operation.method(), broken, operation.template(), "path " + parameter + "=" + abbreviate(value),
                        plainBody, expect));
            }
        }
        return probes;
    }

    private void bodies(Operation operation, String path, JsonNode base, List<Probe> probes) {
        add(probes, operation, path, "empty body", new byte[0], Expect.REFUSED);
        add(probes, operation, path, "not JSON", bytes("not json at all"), Expect.REFUSED);
        add(probes, operation, path, "truncated JSON", bytes("{\"a\": "), Expect.REFUSED);
        add(probes, operation, path, "JSON array", bytes("[]"), Expect.REFUSED);
        add(probes, operation, path, "JSON null", bytes("null"), Expect.REFUSED);
        add(probes, operation, path, "JSON string", bytes("\"text\""), Expect.REFUSED);
        add(probes, operation, path, "bad UTF-8", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'},
                Expect.REFUSED);
        if (base instanceof ObjectNode object) {
            ObjectNode unknown = object.deepCopy();
            unknown.put("sweepUnknownField", 1);
            add(probes, operation, path, "unknown field", bytes(unknown.toString()), Expect.REFUSED);
            int fields = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = properties(operation.bodySchema()).iterator();
                 it.hasNext() && fields < FIELDS_PER_OPERATION_MAX; fields++) {
                Map.Entry<String, JsonNode> field = it.next();
                fieldProbes(operation, path, object, field.getKey(), resolve(field.getValue()), probes);
            }
        }
    }

    /**
     * Bodies that are not JSON: broken multipart uploads (no file, a cut-off part, a program instead of a picture) and
     * broken CSV/text imports (empty, wrong columns, bad UTF-8, injection), each with its own content type.
     */
    private static void otherBodies(Operation operation, String path, String media, List<Probe> probes) {
        List<Object[]> variants = new ArrayList<>();
        if (media.startsWith("multipart/")) {
            String type = "multipart/form-data; boundary=sweep";
            variants.add(new Object[] {"multipart without a file", type,
                    bytes("--sweep\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--sweep--\r\n"), Expect.REFUSED});
            variants.add(new Object[] {"cut-off multipart", type,
                    bytes("--sweep\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n"), Expect.REFUSED});
            variants.add(new Object[] {"program as evidence", type,
                    bytes("--sweep\r\nContent-Disposition: form-data; name=\"file\"; filename=\"photo.png\"\r\n"
                            + "Content-Type: image/png\r\n\r\nMZ\u0090 this is no picture\r\n--sweep--\r\n"), Expect.REFUSED});
            variants.add(new Object[] {"multipart without boundary", "multipart/form-data", bytes("x"), Expect.REFUSED});
        } else {
            variants.add(new Object[] {"empty " + media, media, new byte[0], Expect.NO_SERVER_ERROR});
            variants.add(new Object[] {"wrong columns", media, bytes("a;b;c\n1;2\n\"unclosed\n"), Expect.NO_SERVER_ERROR});
            variants.add(new Object[] {"bad UTF-8 " + media, media, new byte[] {'a', ',', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '\n'},
                    Expect.NO_SERVER_ERROR});
            variants.add(new Object[] {"injection " + media, media, bytes(String.join(",", INJECTIONS) + "\n"), Expect.NO_SERVER_ERROR});
            variants.add(new Object[] {"long " + media, media, bytes(LONG_STRING + "\n"), Expect.NO_SERVER_ERROR});
        }
        for (Object[] v : variants) {
            probes.add(new Probe(operation.method(), path, operation.template(), (String) v[0], (byte[]) v[2], (Expect) v[3], (String) v[1]));
        }
    }

    private void fieldProbes(Operation operation, String path, ObjectNode base, String field, JsonNode schema, List<Probe> probes) {
        String type = schema.path("type").asString("object");
        ObjectNode missing = base.deepCopy();
        missing.remove(field);
        boolean required = false;
        for (JsonNode name : operation.bodySchema().path("required")) {
            required |= name.asString().equals(field);
        }
        if (required) {
            add(probes, operation, path, field + " missing", bytes(missing.toString()), Expect.REFUSED);
        }
        switch (type) {
            case "integer", "number" -> {
                for (String raw : List.of("-1", "0", "9223372036854775808", "-9223372036854775809", "1e309", "1.5", "\"12\"", "true")) {
                    Expect expect = raw.equals("0") || raw.equals("-1") ? Expect.NO_SERVER_ERROR : Expect.REFUSED;
                    add(probes, operation, path, field + "=" + raw, with(base, field, raw), expect);
                }
            }
            case "boolean" -> add(probes, operation, path, field + "=\"yes\"", with(base, field, "\"yes\""), Expect.REFUSED);
            case "array" -> add(probes, operation, path, field + "=\"x\"", with(base, field, "\"x\""), Expect.REFUSED);
            case "string" -> {
                add(probes, operation, path, field + "={}", with(base, field, "{}"), Expect.REFUSED);
                add(probes, operation, path, field + "=long", with(base, field, quote(LONG_STRING)), Expect.NO_SERVER_ERROR);
                if (schema.has("format") || schema.has("enum")) {
                    add(probes, operation, path, field + "=bad format", with(base, field, "\"2026-02-30x\""), Expect.REFUSED);
                    add(probes, operation, path, field + "=0001-01-01", with(base, field, "\"0001-01-01\""), Expect.NO_SERVER_ERROR);
                }
                for (String injection : INJECTIONS) {
                    add(probes, operation, path, field + "=injection", with(base, field, quote(injection)), Expect.NO_SERVER_ERROR);
                }
            }
            default -> {
                add(probes, operation, path, field + "=\"x\"", with(base, field, "\"x\""), Expect.REFUSED);
                if (base.get(field) instanceof ObjectNode nested) {
                    for (Map.Entry<String, JsonNode> inner : properties(schema)) {
                        JsonNode innerSchema = resolve(inner.getValue());
                        if (List.of("integer", "number").contains(innerSchema.path("type").asString())) {
                            for (String raw : List.of("-1", "9223372036854775808", "1e309", "1.5", "\"ten\"")) {
                                String body = with(base, field, with(nested, inner.getKey(), raw));
                                Expect expect = raw.equals("-1") ? Expect.NO_SERVER_ERROR : Expect.REFUSED;
                                add(probes, operation, path, field + "." + inner.getKey() + "=" + raw, body, expect);
                            }
                        }
                    }
                }
            }
        }
    }

    private static void add(List<Probe> probes, Operation operation, String path, String variant, String body, Expect expect) {
        add(probes, operation, path, variant, bytes(body), expect);
    }

    private static void add(List<Probe> probes, Operation operation, String path, String variant, byte[] body, Expect expect) {
        probes.add(new Probe(operation.method(), path, operation.template(), variant, body, expect));
    }

    /** The base body with one field's value replaced by raw JSON text (which may be a number JSON cannot hold). */
    static String with(ObjectNode base, String field, String rawValue) {
        ObjectNode copy = base.deepCopy();
        String marker = "\"@@sweep@@\"";
        copy.put(field, "@@sweep@@");
        return copy.toString().replace(marker, rawValue);
    }

    /** A well-formed value for a schema: UUIDs, dates, first enum constant, 1, true, one-element arrays. */
    JsonNode sample(JsonNode schema, int depth) {
        JsonNode resolved = resolve(schema);
        if (resolved.has("enum")) {
            return resolved.get("enum").get(0);
        }
        String type = resolved.path("type").asString(resolved.has("properties") ? "object" : "string");
        String format = resolved.path("format").asString("");
        return switch (type) {
            case "integer", "number" -> JSON.getNodeFactory().numberNode(1);
            case "boolean" -> JSON.getNodeFactory().booleanNode(true);
            case "array" -> JSON.createArrayNode().add(depth > 3 ? JSON.getNodeFactory().stringNode("x") : sample(resolved.path("items"), depth + 1));
            case "object" -> {
                ObjectNode object = JSON.createObjectNode();
                if (depth <= 3) {
                    for (Map.Entry<String, JsonNode> property : properties(resolved)) {
                        object.set(property.getKey(), sample(property.getValue(), depth + 1));
                    }
                }
                yield object;
            }
            default -> JSON.getNodeFactory().stringNode(switch (format) {
                case "uuid" -> UUID.randomUUID().toString();
                case "date" -> "2026-03-02";
                case "date-time" -> "2026-03-02T02:00:00Z";
                default -> "sweep";
            });
        };
    }

    private List<Map.Entry<String, JsonNode>> properties(JsonNode schema) {
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        JsonNode resolved = schema == null ? JSON.createObjectNode() : resolve(schema);
        for (Map.Entry<String, JsonNode> property : resolved.path("properties").properties()) {
            properties.put(property.getKey(), property.getValue());
        }
        return new ArrayList<>(properties.entrySet());
    }

    private JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int hops = 0; current != null && current.has("$ref") && hops < 10; hops++) {
            String name = current.get("$ref").asString().replace("#/components/schemas/", "");
            current = docs.path("components").path("schemas").path(name);
        }
        return current == null ? JSON.createObjectNode() : current;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String quote(String text) {
        return JSON.getNodeFactory().stringNode(text).toString();
    }

    private static String abbreviate(String value) {
        return value.length() > 20 ? value.substring(0, 20) + "…(" + value.length() + ")" : value;
    }
}
