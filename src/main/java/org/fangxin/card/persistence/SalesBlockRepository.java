package org.fangxin.card.persistence;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Why a merchant may not sell prepaid cards now, in one query (docs/card.md "Sales blocks"). Each module that can stop
 * sales (risk tiers, protection's closure cases and deposit cover, oversight's overdue filings) publishes a view named
 * {@code sales_block} in its schema (merchant_id, rank, blocked_from, reason); this reads the union of all of them, found
 * by name in the catalog once, so the card module names none of those modules.
 */
@Repository
public class SalesBlockRepository {

    private final JdbcClient jdbc;
    private volatile String union;

    public SalesBlockRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The first reason of the first module (by schema name) that blocks the merchant at {@code now}, if any. The views
     * block from a calendar day; that day is the merchant's own ({@code zone}), so this module keeps no zone of its own.
     */
    public Optional<String> reasonToRefuse(UUID merchantId, Instant now, ZoneId zone) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        String views = union();
        if (views.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("select reason from (" + views + """
                ) b where merchant_id = :merchant and (blocked_from is null or blocked_from <= :today)
                 order by source, rank limit 1
                """)
                .param("merchant", merchantId).param("today", Date.valueOf(today)).query(String.class).optional();
    }

    private String union() {
        String known = union;
        if (known == null) {
            List<String> schemas = jdbc.sql("""
                    select table_schema from information_schema.views
                     where table_name = 'sales_block' and table_schema not in ('card', 'information_schema', 'pg_catalog')
                     order by table_schema
                    """).query(String.class).list();
            known = schemas.stream()
                    .map(schema -> "select '" + schema + "' as source, rank, merchant_id, blocked_from, reason from "
                            + schema + ".sales_block")
                    .collect(Collectors.joining(" union all "));
            union = known;
        }
        return known;
    }
}
