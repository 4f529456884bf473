package org.fangxin.shared.sharding;

import java.util.List;

/**
 * ShardingSphere's rules for the sharded profile (ADR 12 §3). Global tables are SINGLE tables on the directory shard
 * {@code ds_0}; the reference tables are BROADCAST (written on every shard). Merchant-owned tables have no SHARDING
 * rule: ShardingSphere-JDBC 5.5.2 refuses a sharding data node in a PostgreSQL schema other than {@code public}
 * ("Can not support 3-tier structure for actual data node"), and every table of ours lives in its module's schema;
 * commands reach them on their shard through {@link ShardRouting} instead.
 */
final class ShardingRules {

    /**
     * ADR 12 §3's broadcast tables whose names are unique across our schemas (ShardingSphere matches by name). Not
     * {@code product_rate}: its product is not broadcast (the name clashes with {@code catalog.product}), so insurance
     * writes a product with its rates on every shard itself (ADR 12 §8h).
     */
    static final List<String> BROADCAST = List.of("slot_shard", "rule_version", "sub_sector", "day", "holiday",
            "deadline_rule", "region", "filing_rule", "factor_weight", "ratio_floor", "deposit_rule", "insurer",
            "custodian_bank", "custodian_bank_member");

    private ShardingRules() {
    }

    static String yaml(boolean sqlShow) {
        StringBuilder yaml = new StringBuilder("rules:\n  - !SINGLE\n    tables:\n      - \"ds_0.*.*\"\n")
                .append("    defaultDataSource: ds_0\n  - !BROADCAST\n    tables:\n");
        BROADCAST.forEach(table -> yaml.append("      - ").append(table).append('\n'));
        return yaml.append("props:\n  sql-show: ").append(sqlShow).append('\n').toString();
    }
}
