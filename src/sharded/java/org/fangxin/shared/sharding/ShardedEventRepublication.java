package org.fangxin.shared.sharding;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.stereotype.Component;

/**
 * Every shard's event publications are resubmitted at start-up (ADR 12 §7, docs/scale-out.md "Kafka with shards").
 * A command's events are written to the {@code event_publication} table of its merchant's shard, in its transaction.
 * Spring Modulith republishes the outstanding ones at start-up through the application's data source, which,
 * unrouted, reaches the directory shard {@code ds_0}'s table only: a publication left incomplete on another shard by a
 * process that died between the commit and the broker's acknowledgement would wait there for ever (the
 * {@code event-publication-retry} job, run on every shard, takes only FAILED ones). This does the same on each other
 * shard, on its own connection, so such a fact is sent again (at least once: a consumer drops the repeated eventId).
 */
@Component
@Profile("sharded")
public class ShardedEventRepublication {

    private static final Logger log = LoggerFactory.getLogger(ShardedEventRepublication.class);

    private final IncompleteEventPublications incomplete;
    private final List<String> urls;
    private final boolean onRestart;

    ShardedEventRepublication(IncompleteEventPublications incomplete, @Value("${fangxin.sharding.urls}") List<String> urls,
                              @Value("${spring.modulith.republish-outstanding-events-on-restart:false}") boolean onRestart) {
        this.incomplete = incomplete;
        this.urls = urls;
        this.onRestart = onRestart;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStartUp() {
        if (onRestart) {
            republishOutstanding();
        }
    }

    /** Resubmits the incomplete publications of every shard but {@code ds_0} (Spring Modulith's own start-up does that one). */
    public void republishOutstanding() {
        for (int n = 1; n < urls.size(); n++) {
            String shard = "ds_" + n;
            try {
                ShardRouting.onShard(shard, () -> {
                    incomplete.resubmitIncompletePublications(publication -> true);
                    return null;
                });
            } catch (RuntimeException e) {
                log.warn("outstanding event publications of {} not resubmitted: {}", shard, e.toString());
            }
        }
    }
}
