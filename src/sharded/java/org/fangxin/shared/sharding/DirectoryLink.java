package org.fangxin.shared.sharding;

import java.net.URI;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Identity is global (ADR 12 §3): logins, tokens and consents live on the directory shard {@code ds_0}. A command
 * routed to another shard still reads and writes them (onboarding makes the owner's login, a notice reads a holder's
 * contact), so on every other shard the schema {@code identity} is PostgreSQL's own postgres_fdw link to the
 * directory's tables, written in the same local transaction and committed with it by the wrapper. The shard's
 * local identity tables are kept aside as {@code identity_local}, and put back before Flyway runs, so that the
 * same migrations keep applying to every shard. Needs the postgres_fdw extension, created by a superuser
 * (scripts/sharded-up.sh).
 */
final class DirectoryLink {

    static final String SERVER = "fangxin_directory";

    private DirectoryLink() {
    }

    /** Before Flyway: the shard's own identity tables back under their name, the link dropped. */
    static void unlink(DataSource shard) {
        inTransaction(shard, jdbc -> {
            if (schemaExists(jdbc, "identity_local")) {
                jdbc.sql("drop schema if exists identity cascade").update();
                jdbc.sql("alter schema identity_local rename to identity").update();
            }
        });
    }

    /** After Flyway: {@code identity} becomes the directory's tables, through a postgres_fdw server. */
    static void link(DataSource shard, String directoryJdbcUrl, String user, String password) {
        URI directory = URI.create(directoryJdbcUrl.trim().substring("jdbc:".length()));
        String database = directory.getPath().substring(1);
        inTransaction(shard, jdbc -> {
            jdbc.sql("select 1 from (select pg_advisory_xact_lock(hashtext('fangxin directory link'))) l").query(Integer.class).single();
            if (schemaExists(jdbc, "identity_local")) {
                return;
            }
            jdbc.sql("create server if not exists " + SERVER + " foreign data wrapper postgres_fdw options (host '"
                    + literal(directory.getHost()) + "', port '" + directory.getPort() + "', dbname '" + literal(database)
                    + "')").update();
            jdbc.sql("create user mapping if not exists for current_user server " + SERVER + " options (user '"
                    + literal(user) + "', password '" + literal(password) + "')").update();
            jdbc.sql("alter schema identity rename to identity_local").update();
            jdbc.sql("create schema identity").update();
            jdbc.sql("import foreign schema identity from server " + SERVER + " into identity options (import_default 'true')")
                    .update();
        });
    }

    private static boolean schemaExists(JdbcClient jdbc, String schema) {
        return jdbc.sql("select count(*) from pg_namespace where nspname = :s").param("s", schema)
                .query(Long.class).single() > 0;
    }

    private static String literal(String text) {
        return text.replace("'", "''");
    }

    private static void inTransaction(DataSource shard, java.util.function.Consumer<JdbcClient> work) {
        new TransactionTemplate(new DataSourceTransactionManager(shard)).executeWithoutResult(status ->
                work.accept(JdbcClient.create(shard)));
    }
}
