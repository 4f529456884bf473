package org.fangxin.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The plan-shape guard (issue 15, session 14). A pooled connection caches a statement's GENERIC plan after five
 * executions and keeps it; if that plan was made while a table was empty (or small), it may be a sequential scan or a
 * scan of a partial index, and it stays so when the table is full: hundreds to thousands of buffers per call (the code
 * use in session 10, the batch's code lock in session 12, the idempotency look-up in session 13).
 * <p>
 * This plans each given statement under {@code plan_cache_mode = force_generic_plan} ({@code PREPARE} and
 * {@code EXPLAIN (FORMAT JSON) EXECUTE}) on copies of the tables it names, twice: as Flyway leaves them (empty, never
 * analysed) and full ({@link #SEED_ROWS} rows each, analysed), and answers every scan that would read a table rather
 * than probe it: a sequential scan, or an index scan (partial or not) whose condition does not bound the index's first
 * key, on any copied table, unless {@code allowed} names the table or index with its reason. The copies ({@code guard_<schema>}:
 * columns, not-null, defaults and every index of the original, no foreign keys or checks) live in one transaction
 * that is rolled back, so the database the tests share is untouched. PL/pgSQL bodies are not planned here (a call
 * plans as a Result); their statements carry their own settings ({@code V3_97_47}, {@code V10_97_47}).
 */
public final class GenericPlans {

    /**
     * Scans the guard lets pass, each with why it reads no more than it must ({@code [phase:]table-or-index[@fragment
     * of the statement]}, see below).
     */
    public static final Map<String, String> ALLOWED = Map.of(
            "audit.seal_horizon", "one row by construction (its primary key is a constant)",
            "card.redemption_notice_cursor", "one row by construction (its primary key is a constant)",
            "audit.seal_batch_pkey", "the chain's head: the last entry in key order under LIMIT 1 (one index page)",
            "audit.seal_pkey", "the chain's head: the last entry in key order under LIMIT 1 (one index page)",
            "empty:card.card@with was as materialized",
            "KNOWN, not fixed (session 14): recordAll's card update joins unnest with card.card; on a never-analysed "
                    + "card table the generic plan is a hash join over a sequential scan (with the statistics of "
                    + "10,000 analysed rows it probes card_pkey). Rewriting it by = any or array(select) did not change that.");

    /** Rows per copied table in the full phase: enough that a probe of a few pages beats reading the table. */
    public static final int SEED_ROWS = 10_000;
    private static final String COPY = "guard_";
    private static final Pattern QUALIFIED = Pattern.compile("(?<![\\w.\"])([a-z_][a-z0-9_]*)\\s*\\.\\s*([a-z_][a-z0-9_]*)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern WORD = Pattern.compile("(?<![\\w.\"])([a-z_][a-z0-9_]*)\\b(?!\\s*\\()");
    private static final Pattern PLANNED = Pattern.compile("^\\s*(\\(\\s*)*(select|insert|update|delete|with|values)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> SCANS = Set.of("Seq Scan", "Index Scan", "Index Only Scan", "Bitmap Index Scan");

    /** A statement as the driver sent it: native SQL with {@code $n} parameters and their declared type oids (0: none). */
    public record Sql(String sql, List<Integer> parameterOids) { }

    /** A scan that reads a table rather than probing it, in the named phase ("empty" or "full"). */
    public record Violation(String phase, String scan, String relation, String index, String condition, String sql) {
        @Override
        public String toString() {
            return phase + ": " + scan + " of " + relation + (index == null ? "" : " via " + index)
                    + (condition.isEmpty() ? "" : " (" + condition + ")") + " in\n    " + sql.replaceAll("\\s+", " ").strip();
        }
    }

    /**
     * What a check found: the violations, the statements it could not plan (with the error), the tables it copied, and
     * those whose keys let it seed only one row (with the error of the full seeding): a test should allow each by name.
     */
    public record Report(int planned, List<Violation> violations, Map<String, String> unplanned, Set<String> tables,
                         Map<String, String> seededOneRow) { }

    private final DataSource dataSource;
    private final Map<String, String> allowed;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param allowed tables ({@code schema.table}) or indexes ({@code schema.index}) a scan may read, each with the reason
     */
    public GenericPlans(DataSource dataSource, Map<String, String> allowed) {
        this.dataSource = dataSource;
        this.allowed = Map.copyOf(allowed);
        allowed.values().forEach(reason -> {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("every allowed scan needs its reason");
            }
        });
    }

    /** Plans the plannable statements (select, insert, update, delete, with, values) on empty and full copies. */
    public Report check(Collection<Sql> given) {
        List<Sql> statements = given.stream().filter(s -> PLANNED.matcher(s.sql()).find())
                .filter(s -> !s.sql().contains(COPY)).distinct().toList();
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                return check(connection, statements);
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks the statements and fails unless every one was planned, every one-row table is allowed by name, and no
     * scan reads a table.
     */
    public void assertIndexProbesOnly(Collection<Sql> sent) {
        Report report = check(sent);
        org.assertj.core.api.SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(report.violations()).as("scans that read a table in a generic plan, of " + report.planned()
                    + " statements on " + report.tables()).isEmpty();
            soft.assertThat(report.unplanned()).as("statements the guard could not plan").isEmpty();
            soft.assertThat(allowed).as("tables that hold one row by their keys must be allowed by name")
                    .containsKeys(report.seededOneRow().keySet().toArray(String[]::new));
        });
    }

    private Report check(Connection connection, List<Sql> statements) throws SQLException {
        Map<String, Character> relations = relations(connection);
        Set<String> copied = new LinkedHashSet<>();
        for (Sql statement : statements) {
            copied.addAll(named(statement.sql(), relations));
        }
        Map<String, String> viewDefinitions = new HashMap<>();
        closeOverViews(connection, relations, copied, viewDefinitions);
        copy(connection, relations, copied, viewDefinitions);
        Map<String, String> leading = leadingColumns(connection);
        List<Violation> violations = new ArrayList<>();
        Map<String, String> unplanned = new LinkedHashMap<>();
        plan(connection, "empty", statements, relations, leading, violations, unplanned);
        Map<String, String> oneRow = new LinkedHashMap<>();
        seed(connection, relations, copied, oneRow);
        plan(connection, "full", statements, relations, leading, violations, unplanned);
        Set<String> tables = new LinkedHashSet<>();
        copied.stream().filter(r -> relations.get(r) == 'r' || relations.get(r) == 'p').forEach(tables::add);
        return new Report(statements.size(), violations, unplanned, tables, oneRow);
    }

    /** Tables and views of the application's schemas, {@code schema.name} → relkind. */
    private static Map<String, Character> relations(Connection connection) throws SQLException {
        Map<String, Character> relations = new HashMap<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("""
                select n.nspname, c.relname, c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace
                 where c.relkind in ('r', 'p', 'v', 'm')
                   and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'
                   and n.nspname not like 'guard\\_%'
                """)) {
            while (rs.next()) {
                relations.put(rs.getString(1) + "." + rs.getString(2), rs.getString(3).charAt(0));
            }
        }
        return relations;
    }

    /** The relations a text names: qualified ({@code schema.name}) or, for the public schema, by name alone. */
    private static Set<String> named(String sql, Map<String, Character> relations) {
        Set<String> named = new LinkedHashSet<>();
        String lower = sql.toLowerCase(Locale.ROOT);
        Matcher qualified = QUALIFIED.matcher(lower);
        while (qualified.find()) {
            String name = qualified.group(1) + "." + qualified.group(2);
            if (relations.containsKey(name)) {
                named.add(name);
            }
        }
        Matcher word = WORD.matcher(lower);
        while (word.find()) {
            String name = "public." + word.group(1);
            if (relations.containsKey(name)) {
                named.add(name);
            }
        }
        return named;
    }

    private static void closeOverViews(Connection connection, Map<String, Character> relations, Set<String> copied,
                                       Map<String, String> definitions) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("set local search_path = pg_catalog");
        }
        List<String> pending = new ArrayList<>(copied);
        while (!pending.isEmpty()) {
            String relation = pending.remove(0);
            if (relations.get(relation) != 'v' || definitions.containsKey(relation)) {
                continue;
            }
            try (PreparedStatement p = connection.prepareStatement("select pg_get_viewdef(cast(? as regclass), true)")) {
                p.setString(1, relation);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    definitions.put(relation, rs.getString(1));
                }
            }
            for (String inner : named(definitions.get(relation), relations)) {
                if (copied.add(inner)) {
                    pending.add(inner);
                }
            }
        }
    }

    /** The copies: tables first (columns, not-null, defaults, indexes and their key constraints), then views. */
    private static void copy(Connection connection, Map<String, Character> relations, Set<String> copied,
                             Map<String, String> views) throws SQLException {
        try (Statement s = connection.createStatement()) {
            Set<String> schemas = new HashSet<>();
            copied.forEach(r -> schemas.add(r.substring(0, r.indexOf('.'))));
            schemas.add("public");
            for (String schema : schemas) {
                s.execute("create schema " + COPY + schema);
            }
            for (String table : copied) {
                if (relations.get(table) == 'v') {
                    continue;
                }
                s.execute("create table " + COPY + quoted(table) + " (like " + quoted(table)
                        + " including defaults including identity including generated)");
            }
            List<String[]> indexes = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("""
                    select n.nspname || '.' || t.relname, pg_get_indexdef(i.indexrelid), quote_ident(c.conname), c.contype,
                           quote_ident(ic.relname), quote_ident(n.nspname) || '.' || quote_ident(t.relname)
                      from pg_index i join pg_class t on t.oid = i.indrelid join pg_namespace n on n.oid = t.relnamespace
                      join pg_class ic on ic.oid = i.indexrelid
                      left join pg_constraint c on c.conindid = i.indexrelid and c.contype in ('p', 'u')
                    """)) {
                while (rs.next()) {
                    if (copied.contains(rs.getString(1)) && relations.get(rs.getString(1)) != 'v') {
                        indexes.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6)});
                    }
                }
            }
            for (String[] index : indexes) {
                String table = index[0];
                String definition = index[1].replace(" ON " + index[5] + " ", " ON " + COPY + index[5] + " ")
                        .replace(" ON ONLY " + index[5] + " ", " ON " + COPY + index[5] + " ");
                if (definition.equals(index[1])) {
                    throw new IllegalStateException("could not point the copy's index at the copy: " + index[1]);
                }
                s.execute(definition);
                if (index[2] != null) {
                    String indexName = index[4].contains(".") ? index[4].substring(index[4].indexOf('.') + 1) : index[4];
                    s.execute("alter table " + COPY + quoted(table) + " add constraint " + index[2]
                            + ("p".equals(index[3]) ? " primary key" : " unique") + " using index " + indexName);
                }
            }
            List<String> remaining = new ArrayList<>(views.keySet());
            for (int round = 0; !remaining.isEmpty() && round < 10; round++) {
                for (String view : List.copyOf(remaining)) {
                    Savepoint before = connection.setSavepoint();
                    try {
                        s.execute("create view " + COPY + view + " as " + rewrite(views.get(view), relations.keySet()));
                        remaining.remove(view);
                    } catch (SQLException e) {
                        connection.rollback(before); // a view over a view not made yet: the next round
                    }
                }
            }
            if (!remaining.isEmpty()) {
                throw new IllegalStateException("could not copy the views " + remaining);
            }
        }
    }

    /** {@code schema."name"}: a table may be named by a key word ({@code position}). */
    private static String quoted(String relation) {
        int dot = relation.indexOf('.');
        return relation.substring(0, dot) + ".\"" + relation.substring(dot + 1) + "\"";
    }

    /** The copy's text: every named relation of the application's schemas read from its copy. */
    static String rewrite(String sql, Set<String> relations) {
        Matcher qualified = QUALIFIED.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (qualified.find()) {
            String name = qualified.group(1).toLowerCase(Locale.ROOT) + "." + qualified.group(2).toLowerCase(Locale.ROOT);
            qualified.appendReplacement(out, Matcher.quoteReplacement(relations.contains(name) ? COPY + name : qualified.group()));
        }
        qualified.appendTail(out);
        return out.toString();
    }

    /** Index name ({@code schema.index} of the original) → its first key column (or expression), for the copies. */
    private static Map<String, String> leadingColumns(Connection connection) throws SQLException {
        Map<String, String> leading = new HashMap<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("""
                select substr(n.nspname, 7) || '.' || c.relname, pg_get_indexdef(i.indexrelid, 1, true)
                  from pg_index i join pg_class c on c.oid = i.indexrelid join pg_namespace n on n.oid = c.relnamespace
                 where n.nspname like 'guard\\_%'
                """)) {
            while (rs.next()) {
                leading.put(rs.getString(1), rs.getString(2));
            }
        }
        return leading;
    }

    /**
     * Whether an index condition bounds the index's first key (by equality, a range, a row comparison that starts
     * with it, or containment): the scan starts where the key says and reads what it bounds. A condition on a later
     * key alone (session 12's {@code expires_at > $7} on {@code (short_code, …)}) walks the whole index.
     */
    static boolean probes(String condition, String leading) {
        if (condition == null || condition.isEmpty() || leading == null) {
            return false;
        }
        String column = Pattern.quote(leading.replace("\"", ""));
        return Pattern.compile("(^|[\\s(.])" + column + "\\)?(::\\w+)?\\s*(=|<|>|<=|>=|@>|<@|&&)\\s|ROW\\((\\w+\\.)?" + column + ",")
                .matcher(condition.replace("\"", "")).find();
    }

    private void plan(Connection connection, String phase, List<Sql> statements, Map<String, Character> relations,
                      Map<String, String> leading, List<Violation> violations, Map<String, String> unplanned)
            throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("set local search_path = " + COPY + "public, public");
            s.execute("set local plan_cache_mode = force_generic_plan");
            for (Sql statement : statements) {
                Savepoint before = connection.setSavepoint();
                try {
                    String types = String.join(", ", typeNames(connection, statement.parameterOids()));
                    int count = statement.parameterOids().size();
                    s.execute("prepare guard_plan" + (count == 0 ? "" : "(" + types + ")") + " as "
                            + rewrite(statement.sql(), relations.keySet()));
                    String nulls = String.join(", ", java.util.Collections.nCopies(count, "null"));
                    try (ResultSet rs = s.executeQuery("explain (format json, verbose) execute guard_plan"
                            + (count == 0 ? "" : "(" + nulls + ")"))) {
                        rs.next();
                        JsonNode root = json.readTree(rs.getString(1)).get(0).get("Plan");
                        walk(root, phase, statement.sql(), relations, leading, violations);
                    }
                    s.execute("deallocate guard_plan");
                    connection.releaseSavepoint(before);
                } catch (SQLException e) {
                    connection.rollback(before);
                    unplanned.putIfAbsent(statement.sql(), phase + ": " + e.getMessage());
                    // a prepared statement outlives the rollback: drop it, so the next one (and the pool) is clean
                    Savepoint dropping = connection.setSavepoint();
                    try {
                        s.execute("deallocate guard_plan");
                        connection.releaseSavepoint(dropping);
                    } catch (SQLException notPrepared) {
                        connection.rollback(dropping);
                    }
                }
            }
        }
    }

    private static List<String> typeNames(Connection connection, List<Integer> oids) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement p = connection.prepareStatement("select format_type(?, null)")) {
            for (int oid : oids) {
                if (oid == 0) {
                    names.add("unknown");
                    continue;
                }
                p.setInt(1, oid);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    private void walk(JsonNode node, String phase, String sql, Map<String, Character> relations,
                      Map<String, String> leading, List<Violation> violations) {
        String type = node.path("Node Type").asString("");
        String schema = node.path("Schema").asString("");
        if (SCANS.contains(type) && schema.startsWith(COPY)) {
            String relation = schema.substring(COPY.length()) + "." + node.path("Relation Name").asString("");
            String index = node.has("Index Name") ? schema.substring(COPY.length()) + "." + node.get("Index Name").asString() : null;
            String condition = node.path("Index Cond").asString("");
            boolean reads = index == null || !probes(condition, leading.get(index));
            if (reads && !allowed(phase, relation, sql) && (index == null || !allowed(phase, index, sql))) {
                violations.add(new Violation(phase, type, relation, index, condition, sql));
            }
        }
        if (type.equals("Bitmap Heap Scan")) {
            // the bitmap index scans below carry only the index's name: name their relation for the check above
            markBitmapChildren(node, schema, node.path("Relation Name").asString(""));
        }
        for (JsonNode child : node.path("Plans")) {
            walk(child, phase, sql, relations, leading, violations);
        }
    }

    /**
     * An allowed entry is {@code [phase:]name[@fragment]}: the table or index, only in that phase if given, only in
     * statements containing the fragment if given.
     */
    private boolean allowed(String phase, String name, String sql) {
        for (String entry : allowed.keySet()) {
            String rest = entry;
            if (rest.startsWith("empty:") || rest.startsWith("full:")) {
                if (!rest.startsWith(phase + ":")) {
                    continue;
                }
                rest = rest.substring(rest.indexOf(':') + 1);
            }
            int at = rest.indexOf('@');
            String named = at < 0 ? rest : rest.substring(0, at);
            if (named.equals(name) && (at < 0 || sql.contains(rest.substring(at + 1)))) {
                return true;
            }
        }
        return false;
    }

    private static void markBitmapChildren(JsonNode node, String schema, String relation) {
        for (JsonNode child : node.path("Plans")) {
            if (child.path("Node Type").asString("").equals("Bitmap Index Scan") && !child.has("Schema")) {
                ((tools.jackson.databind.node.ObjectNode) child).put("Schema", schema).put("Relation Name", relation);
            }
            markBitmapChildren(child, schema, relation);
        }
    }

    /** Fills every copied table with {@link #SEED_ROWS} rows of distinct values per column, then analyses it. */
    private static void seed(Connection connection, Map<String, Character> relations, Set<String> copied,
                             Map<String, String> oneRow) throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (String table : copied) {
                if (relations.get(table) == 'v') {
                    continue;
                }
                List<String> columns = new ArrayList<>();
                List<String> values = new ArrayList<>();
                try (PreparedStatement p = connection.prepareStatement("""
                        select a.attname, format_type(a.atttypid, a.atttypmod), t.typtype, t.typcategory, a.attidentity,
                               a.attgenerated, a.attnotnull, (select e.enumlabel from pg_enum e where e.enumtypid = a.atttypid
                                                               order by e.enumsortorder limit 1)
                          from pg_attribute a join pg_type t on t.oid = a.atttypid
                         where a.attrelid = cast(? as regclass) and a.attnum > 0 and not a.attisdropped
                         order by a.attnum
                        """)) {
                    p.setString(1, COPY + quoted(table));
                    try (ResultSet rs = p.executeQuery()) {
                        while (rs.next()) {
                            if (!rs.getString(5).isEmpty() || !rs.getString(6).isEmpty()) {
                                continue;
                            }
                            String value = value(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(8));
                            if (value == null && !rs.getBoolean(7)) {
                                continue;
                            }
                            if (value == null) {
                                throw new IllegalStateException("the guard cannot seed " + table + "." + rs.getString(1)
                                        + " of type " + rs.getString(2) + ": teach GenericPlans.value that type");
                            }
                            columns.add('"' + rs.getString(1) + '"');
                            values.add(value);
                        }
                    }
                }
                String insert = "insert into " + COPY + quoted(table) + " (" + String.join(", ", columns) + ") select "
                        + String.join(", ", values) + " from generate_series(1, :rows) as g(i)";
                Savepoint before = connection.setSavepoint();
                try {
                    s.execute(insert.replace(":rows", String.valueOf(SEED_ROWS)));
                } catch (SQLException e) {
                    // a table whose keys admit one row (a horizon, a singleton): it stays small by construction
                    connection.rollback(before);
                    s.execute(insert.replace(":rows", "1"));
                    oneRow.put(table, e.getMessage().lines().findFirst().orElse(""));
                }
                s.execute("analyze " + COPY + quoted(table));
            }
        }
    }

    /** A value of row {@code i} distinct from every other row's, for the common column types. */
    private static String value(String type, String typtype, String category, String firstEnumLabel) {
        if ("e".equals(typtype)) {
            return "'" + firstEnumLabel.replace("'", "''") + "'";
        }
        if ("r".equals(typtype)) {
            return type.contains("ts") ? "tstzrange(timestamptz '2026-01-01 00:00Z' + i * interval '1 second', null)"
                    : type.startsWith("date") ? "daterange(date '2000-01-01' + i, null)"
                    : "cast('[' || i || ',' || (i + 1) || ')' as " + type + ")";
        }
        if (type.endsWith("[]")) {
            return "cast('{}' as " + type + ")";
        }
        if (type.startsWith("character(")) {
            int length = Integer.parseInt(type.replaceAll("\\D", ""));
            return "right(lpad(cast(i as text), " + length + ", '0'), " + length + ")";
        }
        return switch (type) {
            case "uuid" -> "cast(md5(cast(i as text)) as uuid)";
            case "smallint" -> "cast(i % 32000 as smallint)";
            case "integer", "bigint", "numeric", "real", "double precision" -> "i";
            case "text" -> "'gg' || i"; // distinct also past its first two letters (a generated column cuts them)
            case "boolean" -> "i % 2 = 0";
            case "timestamp with time zone", "timestamp without time zone" -> "timestamptz '2026-01-01 00:00Z' + i * interval '1 second'";
            case "date" -> "date '2000-01-01' + i";
            case "time without time zone" -> "time '00:00' + i * interval '1 second'";
            case "interval" -> "i * interval '1 second'";
            case "jsonb", "json" -> "cast('{}' as " + type + ")";
            case "bytea" -> "decode(md5(cast(i as text)), 'hex')";
            case "xid8" -> "cast(cast(i as text) as xid8)";
            case "inet" -> "cast('10.0.0.1' as inet)";
            default -> type.startsWith("character varying") ? "'gg' || i"
                    : type.startsWith("numeric(") ? "i % 1000" : null;
        };
    }
}
