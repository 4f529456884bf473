package org.fangxin.risk.feed;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.merchant.ComplianceFlags;
import org.fangxin.merchant.MerchantHistoryEntry;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Merchants;
import org.fangxin.risk.FeedType;
import org.fangxin.shared.MessageArgument;
import org.fangxin.risk.persistence.FeedRepository;
import org.fangxin.risk.persistence.FeedRepository.ListEntry;
import org.springframework.stereotype.Component;

/**
 * Keeps the merchant's compliance flags equal to what the list feeds say last (dishonest debtor, abnormal operation,
 * deregistration), with the feed record as the reason, so the flags no longer depend on an operator remembering. Only
 * the lists a feed has spoken about are set; a flag no feed ever mentioned stays as operators left it.
 */
@Component
public class ListFlags {

    /** The system actor feed changes are recorded under (an operator's rights, as the merchant module requires). */
    static final Actor FEED = new Actor(UUID.nameUUIDFromBytes("system:risk-feed".getBytes()), "system:risk-feed",
            org.fangxin.identity.Role.OPERATOR, null, null);

    private final FeedRepository feeds;
    private final Merchants merchants;

    ListFlags(FeedRepository feeds, Merchants merchants) {
        this.feeds = feeds;
        this.merchants = merchants;
    }

    /** A list a merchant was newly put on by a feed. */
    public record Hit(MerchantView merchant, ListEntry entry) { }

    /** Applies the latest list entries of the merchants; answers the lists newly turned on (for alerts). */
    public List<Hit> apply(List<UUID> merchantIds) {
        Map<UUID, Map<FeedType, ListEntry>> byMerchant = new LinkedHashMap<>();
        for (ListEntry entry : feeds.latestListEntries(merchantIds)) {
            byMerchant.computeIfAbsent(entry.merchantId(), id -> new EnumMap<>(FeedType.class)).put(entry.list(), entry);
        }
        List<Hit> hits = new ArrayList<>();
        byMerchant.forEach((merchantId, entries) -> merchants.find(merchantId).ifPresent(merchant -> {
            ComplianceFlags before = merchant.flags();
            ComplianceFlags after = new ComplianceFlags(
                    listed(entries, FeedType.DISHONEST_DEBTOR, before.dishonestDebtor()),
                    listed(entries, FeedType.ABNORMAL_OPERATION, before.abnormalOperation()),
                    listed(entries, FeedType.DEREGISTRATION, before.deregistering()));
            if (!after.equals(before)) {
                merchants.changeComplianceFlags(FEED, merchantId, after, reason(entries));
                entries.values().stream().filter(entry -> "LISTED".equals(entry.status()))
                        .filter(entry -> !wasOn(before, entry.list()))
                        .forEach(entry -> hits.add(new Hit(merchant, entry)));
            }
        }));
        return hits;
    }

    private static boolean listed(Map<FeedType, ListEntry> entries, FeedType list, boolean current) {
        ListEntry entry = entries.get(list);
        return entry == null ? current : "LISTED".equals(entry.status());
    }

    private static boolean wasOn(ComplianceFlags flags, FeedType list) {
        return switch (list) {
            case DISHONEST_DEBTOR -> flags.dishonestDebtor();
            case ABNORMAL_OPERATION -> flags.abnormalOperation();
            default -> flags.deregistering();
        };
    }

    /**
     * The feed records behind the change, for the merchant's history in the reader's language: provider, list (a
     * word of the bundle), listed or removed, day and reference of each, at most three (the lists a feed speaks of).
     */
    private static MerchantHistoryEntry.Text reason(Map<FeedType, ListEntry> entries) {
        List<String> args = new ArrayList<>();
        entries.values().stream().limit(3).forEach(e -> args.addAll(List.of(e.provider(),
                MessageArgument.key("risk.feedType." + e.list().name()),
                MessageArgument.key("risk.feedStatus." + e.status()), String.valueOf(e.day()), e.reference())));
        return new MerchantHistoryEntry.Text("merchant.history.reason.feed" + args.size() / 5, args);
    }
}
