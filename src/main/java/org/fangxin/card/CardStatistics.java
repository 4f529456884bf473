package org.fangxin.card;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.card.persistence.StatisticsRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Aggregates over all merchants' cards for other modules' batch jobs (the risk module's nightly collection): no access
 * check, no personal data, one grouped statement per call.
 */
@Service
@Transactional(readOnly = true)
public class CardStatistics {

    /** At most this many merchants per {@link #liveCardTotals} call. */
    public static final int MERCHANTS_MAX = 10_000;

    private final StatisticsRepository repository;

    CardStatistics(StatisticsRepository repository) {
        this.repository = repository;
    }

    /**
     * Sales and redemptions per merchant and day (days of {@code zone}) from {@code from} (inclusive) to {@code to}
     * (exclusive); days without any are omitted.
     */
    public List<MerchantDayActivity> activityBetween(Instant from, Instant to, ZoneId zone) {
        if (!from.isBefore(to)) {
            return List.of();
        }
        return repository.activityBetween(from, to, zone);
    }

    /** Count and unredeemed value of each merchant's live cards (merchants without any are absent). */
    public Map<UUID, LiveCardTotals> liveCardTotals(Collection<UUID> merchantIds) {
        if (merchantIds.size() > MERCHANTS_MAX) {
            throw new IllegalArgumentException("at most " + MERCHANTS_MAX + " merchants per call");
        }
        return merchantIds.isEmpty() ? Map.of() : repository.liveCardTotals(merchantIds);
    }
}
