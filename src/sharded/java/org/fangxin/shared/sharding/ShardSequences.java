package org.fangxin.shared.sharding;

import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Numbers that the outside world sees across shards must not repeat on two shards (ADR 12 §8c). The custodian bank's
 * sub-account numbers ({@code FX…}) come from a sequence on each shard; shard n of N numbers from n + 1 in steps of N,
 * so the same number never names two merchants, and a statement line's account is known on one shard only.
 */
final class ShardSequences {

    /** The sequences whose numbers leave the platform. */
    static final List<String> GLOBAL = List.of("bank.custody_sub_account_seq");

    private ShardSequences() {
    }

    /**
     * Idempotent: run at every start, after Flyway. Shard n's next number is ≡ n + 1 (mod N) and above every number
     * any shard has used (numbers made before the shards were interleaved may have repeated).
     */
    static void interleave(List<DataSource> shards) {
        for (String sequence : GLOBAL) {
            long used = 0;
            for (DataSource shard : shards) {
                used = Math.max(used, JdbcClient.create(shard).sql("select case when is_called then last_value else last_value - 1 end from "
                        + sequence).query(Long.class).single());
            }
            for (int n = 0; n < shards.size(); n++) {
                JdbcClient jdbc = JdbcClient.create(shards.get(n));
                long next = used + 1;
                while (Math.floorMod(next, shards.size()) != Math.floorMod(n + 1, shards.size())) {
                    next++;
                }
                jdbc.sql("alter sequence " + sequence + " increment by " + shards.size()).update();
                jdbc.sql("select setval(:sequence, :next, false)").param("sequence", sequence).param("next", next)
                        .query(Long.class).single();
            }
        }
    }
}
