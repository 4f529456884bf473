package org.fangxin.ledger.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.fangxin.ledger.AccountId;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.EntryView;
import org.fangxin.ledger.KeyedTransfer;
import org.fangxin.ledger.Side;
import org.fangxin.ledger.TransferId;
import org.fangxin.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for postings whose accounts are named by chart code and owner, in one round trip per transfer or per batch
 * (issue 15): the functions find, lock, check and post on the common path and give up, writing nothing, otherwise.
 * The general path ({@link LedgerRepository}) finishes what they give up. Only the Ledger facade calls them.
 */
@Repository
public class KeyedPostingRepository {

    private final JdbcClient jdbc;

    public KeyedPostingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static final String OWNED_ONLY = """
            select entry_id, account_id, amount_minor, balances_updated from ledger.post_keyed_transfer""";
    private static final String NAMING_PLATFORM = """
            select entry_id, account_id, amount_minor, balances_updated from ledger.post_keyed_transfer_naming_platform""";

    /**
     * A transfer whose accounts are named by code and owner, posted in one round trip by {@code ledger.post_keyed_transfer}
     * (migrations V3_97_29, V3_97_47; {@code ledger.post_keyed_transfer_naming_platform}, V3_98_40, when a line names a
     * platform account) when it takes only the common path of {@link LedgerRepository#lockForPosting} and
     * {@link LedgerRepository#insertTransferAndEntries}; its entries in line order, or none when it gave up (nothing written, the locks it
     * took kept) and the general path must finish the posting.
     */
    public List<EntryView> postKeyed(TransferId transfer, KeyedTransfer keyed, Instant postedAt) {
        int n = keyed.lines().size();
        String[] types = new String[n];
        UUID[] owners = new UUID[n];
        Boolean[] nonNegative = new Boolean[n];
        Long[] amounts = new Long[n];
        for (int i = 0; i < n; i++) {
            KeyedTransfer.Line line = keyed.lines().get(i);
            types[i] = line.account().type().name();
            owners[i] = line.account().ownerId();
            nonNegative[i] = line.account().type().nonNegativeByDefault();
            amounts[i] = line.amount().amountMinor();
        }
        record Posted(EntryView entry, long balancesUpdated) { }
        // since V3_99_50 both names run one body (the naming-platform one calls post_keyed_transfer, whose look-up
        // finds owned and ownerless accounts alike); two statement texts keep purchases' postings apart from redeems'
        // in pg_stat_statements
        List<Posted> posted = jdbc.sql((java.util.Arrays.asList(owners).contains(null) ? NAMING_PLATFORM : OWNED_ONLY) + """
                (:transfer, :key, :description, :postedAt, :currency,
                       cast(:types as text[]), cast(:owners as uuid[]), cast(:nonNegative as boolean[]),
                       cast(:amounts as bigint[]), cast(:drawing as text[]), :fallbackSlot)
                """)
                .param("transfer", transfer.value()).param("key", keyed.postingKey())
                .param("description", keyed.description()).param("postedAt", Timestamp.from(postedAt))
                .param("currency", keyed.currency().getCurrencyCode()).param("types", types).param("owners", owners)
                .param("nonNegative", nonNegative).param("amounts", amounts).param("drawing", LedgerRepository.DRAWING)
                .param("fallbackSlot", ThreadLocalRandom.current().nextInt(AccountType.BALANCE_SLOTS))
                .query((rs, row) -> {
                    long amount = rs.getLong(3);
                    return new Posted(new EntryView(rs.getLong(1), transfer, new AccountId(rs.getObject(2, UUID.class)),
                            amount > 0 ? Side.DEBIT : Side.CREDIT, new Money(amount, keyed.currency()), postedAt),
                            rs.getLong(4));
                })
                .list();
        if (posted.isEmpty()) {
            return List.of();
        }
        if (posted.size() != n || posted.get(0).balancesUpdated() != n) {
            throw new IllegalStateException("transfer " + transfer + ": " + posted.size() + " entries posted and "
                    + posted.get(0).balancesUpdated() + " balances updated for " + n + " lines");
        }
        return posted.stream().map(Posted::entry).toList();
    }

    /**
     * {@link #postKeyed} for many transfers in one round trip ({@code ledger.post_keyed_transfers}, migration
     * V3_97_1043: each transfer posted by {@code ledger.post_keyed_transfer} in the given order); for each transfer its
     * entries in line order, or none when it gave up and the general path must finish it.
     */
    public List<List<EntryView>> postKeyedAll(List<TransferId> transfers, List<KeyedTransfer> keyed, Instant postedAt) {
        return postKeyedAll("ledger.post_keyed_transfers", transfers, keyed, postedAt);
    }

    /**
     * {@link #postKeyedAll} set-based ({@code ledger.post_keyed_batch}, migration V3_98_10): every account locked once,
     * every header, entry and balance row written once for the batch, when the whole batch is on the common path; empty
     * when it gave up (nothing written, its locks kept), and {@link #postKeyedAll} must post the batch.
     */
    public Optional<List<List<EntryView>>> postKeyedBatch(List<TransferId> transfers, List<KeyedTransfer> keyed,
                                                          Instant postedAt) {
        List<List<EntryView>> entries = postKeyedAll("ledger.post_keyed_batch", transfers, keyed, postedAt);
        return entries.stream().allMatch(List::isEmpty) ? Optional.empty() : Optional.of(entries);
    }

    private List<List<EntryView>> postKeyedAll(String function, List<TransferId> transfers, List<KeyedTransfer> keyed,
                                               Instant postedAt) {
        int n = keyed.size();
        int lineCount = keyed.stream().mapToInt(k -> k.lines().size()).sum();
        UUID[] ids = new UUID[n];
        String[] keys = new String[n];
        String[] descriptions = new String[n];
        String[] currencies = new String[n];
        Integer[] starts = new Integer[n];
        Integer[] counts = new Integer[n];
        Integer[] fallbackSlots = new Integer[n];
        String[] types = new String[lineCount];
        UUID[] owners = new UUID[lineCount];
        Boolean[] nonNegative = new Boolean[lineCount];
        Long[] amounts = new Long[lineCount];
        int line = 0;
        for (int t = 0; t < n; t++) {
            KeyedTransfer transfer = keyed.get(t);
            ids[t] = transfers.get(t).value();
            keys[t] = transfer.postingKey();
            descriptions[t] = transfer.description();
            currencies[t] = transfer.currency().getCurrencyCode();
            starts[t] = line + 1;
            counts[t] = transfer.lines().size();
            fallbackSlots[t] = ThreadLocalRandom.current().nextInt(AccountType.BALANCE_SLOTS);
            for (KeyedTransfer.Line l : transfer.lines()) {
                types[line] = l.account().type().name();
                owners[line] = l.account().ownerId();
                nonNegative[line] = l.account().type().nonNegativeByDefault();
                amounts[line] = l.amount().amountMinor();
                line++;
            }
        }
        record Posted(int transfer, EntryView entry, long balancesUpdated) { }
        List<Posted> posted = jdbc.sql("""
                select transfer_ord, entry_id, account_id, amount_minor, balances_updated
                  from %s(cast(:transfers as uuid[]), cast(:keys as text[]),
                       cast(:descriptions as text[]), :postedAt, cast(:currencies as text[]), cast(:starts as int[]),
                       cast(:counts as int[]), cast(:types as text[]), cast(:owners as uuid[]),
                       cast(:nonNegative as boolean[]), cast(:amounts as bigint[]), cast(:drawing as text[]),
                       cast(:fallbackSlots as int[]))
                """.formatted(function))
                .param("transfers", ids).param("keys", keys).param("descriptions", descriptions)
                .param("postedAt", Timestamp.from(postedAt)).param("currencies", currencies).param("starts", starts)
                .param("counts", counts).param("types", types).param("owners", owners).param("nonNegative", nonNegative)
                .param("amounts", amounts).param("drawing", LedgerRepository.DRAWING).param("fallbackSlots", fallbackSlots)
                .query((rs, row) -> {
                    int t = rs.getInt(1) - 1;
                    long amount = rs.getLong(4);
                    return new Posted(t, new EntryView(rs.getLong(2), transfers.get(t), new AccountId(rs.getObject(3, UUID.class)),
                            amount > 0 ? Side.DEBIT : Side.CREDIT, new Money(amount, keyed.get(t).currency()), postedAt),
                            rs.getLong(5));
                })
                .list();
        List<List<EntryView>> entries = new ArrayList<>(n);
        for (int t = 0; t < n; t++) {
            entries.add(new ArrayList<>());
        }
        for (Posted p : posted) {
            entries.get(p.transfer()).add(p.entry());
        }
        // Every line of a posted transfer got its entry, and its balance row or slot (the loop counts per transfer,
        // the set-based batch once per account it posted to).
        boolean perTransfer = function.equals("ledger.post_keyed_transfers");
        long accountsPosted = posted.stream().map(p -> p.entry().accountId()).distinct().count();
        for (int t = 0; t < n; t++) {
            int lines = keyed.get(t).lines().size();
            int t0 = t;
            long updated = posted.stream().filter(p -> p.transfer() == t0).mapToLong(Posted::balancesUpdated).findFirst()
                    .orElse(perTransfer ? lines : accountsPosted);
            if (!entries.get(t).isEmpty() && (entries.get(t).size() != lines || updated != (perTransfer ? lines : accountsPosted))) {
                throw new IllegalStateException("transfer " + transfers.get(t) + ": " + entries.get(t).size()
                        + " entries posted and " + updated + " balances updated for " + lines + " lines");
            }
        }
        return entries;
    }
}
