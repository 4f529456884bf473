package org.fangxin.shared.database;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where a reader that follows rows in the order of the transactions that wrote them ({@code written_by_xid}, a column
 * default of {@code pg_current_xact_id()}) may safely read up to (ADR 14): below the horizon every transaction of this
 * database has ended, so a cursor that never passes it never skips a row committed late with a smaller id.
 */
@Component
public class CommitHorizon {

    private final JdbcClient jdbc;

    public CommitHorizon(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The smallest transaction id (xid8, as text) that may still write rows here: the oldest running transaction of
     * this database, else the next id to be assigned. Every transaction below it has ended, and the next statement's
     * snapshot sees what it committed. Only this database's transactions count, so a long one in another database of
     * the cluster does not hold the reader back (the snapshot's xmin would). The snapshot is taken before
     * {@code pg_stat_activity} is read (a backend keeps what it read until its transaction ends, so that copy is
     * dropped first), so a transaction that ends in between is listed in the snapshot and counted as running. Call it
     * in a read-committed transaction, before the read it bounds.
     */
    public String horizon() {
        jdbc.sql("select pg_stat_clear_snapshot()").query((rs, n) -> 1).list();
        return jdbc.sql("""
                with snapshot as (select pg_current_snapshot() as s),
                     running as (select cast(cast(backend_xid as text) as bigint) as xid from pg_stat_activity
                                  where datname = current_database() and backend_xid is not null)
                select cast(least(pg_snapshot_xmax(s),
                                  (select min(x) from pg_snapshot_xip(s) x
                                    where cast(cast(x as text) as bigint) % 4294967296 in (select xid from running))) as text)
                  from snapshot
                """).query(String.class).single();
    }
}
