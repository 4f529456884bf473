package org.fangxin.ledger;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.fangxin.ledger.domain.TransferRules;
import org.fangxin.ledger.persistence.EntryQueries;
import org.fangxin.ledger.persistence.KeyedPostingRepository;
import org.fangxin.ledger.persistence.AccountRepository;
import org.fangxin.ledger.persistence.LedgerRepository;
import org.fangxin.ledger.persistence.LedgerRepository.LockedBalance;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.Money;
import org.fangxin.shared.PageRequest;
import org.fangxin.shared.Rejection;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ledger facade: the only way money is written. Every method joins the caller's transaction, so a business change
 * and its postings commit or vanish together. Rejections are thrown before anything is written and do not mark the
 * caller's transaction rollback-only; the caller decides whether to continue or fail.
 */
@Service
@Transactional(noRollbackFor = Rejection.class)
public class Ledger {

    public static final int PAGE_SIZE_MAX = 100;
    static final int INVARIANT_EXAMPLES_MAX = 10;
    /** Bound on one window read by {@link #entriesBetween}. */
    public static final int ENTRIES_BETWEEN_MAX = 1_000_000;

    private final AccountRepository accountRepository;
    private final LedgerRepository repository;
    private final GeneralPosting general;
    private final KeyedPostingRepository keyed;
    private final EntryQueries entryQueries;
    private final BulkPosting bulk;
    private final LedgerReports reports;
    private final IdGenerator ids;
    private final Clock clock;

    Ledger(AccountRepository accounts, LedgerRepository repository, GeneralPosting general, KeyedPostingRepository keyed,
           EntryQueries entryQueries, BulkPosting bulk, LedgerReports reports, IdGenerator ids, Clock clock) {
        this.accountRepository = accounts;
        this.repository = repository;
        this.general = general;
        this.keyed = keyed;
        this.entryQueries = entryQueries;
        this.bulk = bulk;
        this.reports = reports;
        this.ids = ids;
        this.clock = clock;
    }

    /** Opens the account of this chart code, owner and currency, or returns it if it exists (idempotent). */
    public AccountView open(AccountType type, UUID ownerId, Currency currency) {
        return open(type, ownerId, currency, type.nonNegativeByDefault());
    }

    /** As {@link #open(AccountType, UUID, Currency)} with an explicit "must not go negative" constraint. */
    public AccountView open(AccountType type, UUID ownerId, Currency currency, boolean nonNegative) {
        if (type.ownerKind().requiresOwner() != (ownerId != null)) {
            throw new Rejection(LedgerProblems.INVALID_ACCOUNT, type + " accounts " + (type.ownerKind().requiresOwner()
                    ? "belong to a " + type.ownerKind().name().toLowerCase() : "have no owner"));
        }
        if (currency.getDefaultFractionDigits() < 0) {
            throw new Rejection(LedgerProblems.INVALID_ACCOUNT, "currency " + currency + " has no minor unit");
        }
        // Accounts are opened once and read on every posting: read first, insert only when absent.
        AccountView account = accountRepository.findAccount(type, ownerId, currency).orElseGet(() -> {
            accountRepository.insertAccountIfAbsent(ids.next(), type, ownerId, currency, nonNegative, clock.instant());
            return accountRepository.findAccount(type, ownerId, currency).orElseThrow();
        });
        if (account.nonNegative() != nonNegative) {
            throw new Rejection(LedgerProblems.INVALID_ACCOUNT, "account " + account.id() + " exists with non-negative = "
                    + account.nonNegative());
        }
        return account;
    }

    /**
     * The ids of these accounts in one currency, opening the missing ones as {@link #open(AccountType, UUID, Currency)}
     * does (default floor): one read when all exist, as on a posting's hot path (issue 15). Answers in key order.
     */
    public List<AccountId> open(Currency currency, List<AccountKey> keys) {
        Map<AccountKey, AccountView> found = accountRepository.findAccounts(keys, currency);
        return keys.stream().map(key -> {
            AccountView account = found.get(key);
            if (account != null && account.nonNegative() == key.type().nonNegativeByDefault()) {
                return account.id();
            }
            // an owned account the read did not find (a new card's) is opened in one statement, not read again around it
            return account == null ? openNew(currency, key) : open(key.type(), key.ownerId(), currency).id();
        }).toList();
    }

    /**
     * The account of an owner this transaction has just created (a new card's), opened in one statement without the
     * read {@link #open(Currency, List)} starts with (issue 15: a purchase's issue); should it exist after all, or the
     * key be invalid, it is answered (or refused) as {@link #open(AccountType, UUID, Currency)} does.
     */
    public AccountId openNew(Currency currency, AccountKey key) {
        boolean valid = key.ownerId() != null && key.type().ownerKind().requiresOwner()
                && currency.getDefaultFractionDigits() >= 0;
        return (valid ? accountRepository.openMissing(ids.next(), key.type(), key.ownerId(), currency,
                key.type().nonNegativeByDefault(), clock.instant()).map(AccountId::new) : Optional.<AccountId>empty())
                .orElseGet(() -> open(key.type(), key.ownerId(), currency).id());
    }

    @Transactional(readOnly = true, noRollbackFor = Rejection.class)
    public Optional<AccountView> findAccount(AccountType type, UUID ownerId, Currency currency) {
        return accountRepository.findAccount(type, ownerId, currency);
    }

    /** The account with its current balance; 404 when unknown. */
    @Transactional(readOnly = true, noRollbackFor = Rejection.class)
    public AccountView account(AccountId id) {
        return accountRepository.findAccount(id).orElseThrow(() -> Rejection.notFound("account " + id));
    }

    /** The current balance seen from the account's normal side (positive when it holds or owes value). */
    @Transactional(readOnly = true, noRollbackFor = Rejection.class)
    public Money balance(AccountId id) {
        return account(id).normalBalance();
    }

    /**
     * Locks the balance rows of these accounts until the caller's transaction ends and answers their balances (normal
     * side). Every posting locks the balance rows it changes, so a posting to one of them waits: a check made on these
     * balances still holds when the caller commits (e.g. "holds no money" while a merchant changes bank).
     */
    public Map<AccountId, Money> lockBalances(java.util.Collection<AccountId> accounts) {
        if (accounts.isEmpty()) {
            return Map.of();
        }
        List<LockedBalance> locked = repository.lockBalances(accounts);
        Map<AccountId, Long> folded = repository.foldSlots(accounts.stream().map(AccountId::value).toArray(UUID[]::new),
                clock.instant());
        return locked.stream().collect(Collectors.toMap(LockedBalance::account, b -> new Money(
                b.normalSide().normal(folded.getOrDefault(b.account(), b.balanceMinor())), b.currency())));
    }

    /** The balance (normal side) from all entries posted at or before {@code instant}. */
    @Transactional(readOnly = true, noRollbackFor = Rejection.class)
    public Money balanceAsOf(AccountId id, Instant instant) {
        AccountView account = account(id);
        long signed = entryQueries.sumOfEntries(id, instant);
        return new Money(account.normalSide().normal(signed), account.balance().currency());
    }

    /**
     * Posts a balanced transfer atomically. The same posting key with the same lines returns the first transfer and
     * writes nothing; with other lines it is refused ({@code posting-key-reused}, naming what differs).
     */
    public TransferView post(NewTransfer transfer) {
        return general.record(transfer, null);
    }

    /**
     * As {@link #post(NewTransfer)} with the lines' accounts named by chart code and owner; an account not yet opened
     * is opened with its code's default floor (as {@link #open(Currency, List)}). Issue 15: on the common path (the
     * accounts exist, no striped balance to fold, a drawn line finds a free slot, the floors hold, a new posting key)
     * the accounts are found, locked, checked and posted in one round trip ({@code ledger.post_keyed_transfer}); any
     * other case finishes on the general path under the locks already taken, with the same refusals and replays.
     */
    public TransferView post(KeyedTransfer transfer) {
        List<AccountKey> keys = transfer.lines().stream().map(KeyedTransfer.Line::account).toList();
        TransferRules.validate(transfer.postingKey(), transfer.description(), keys,
                transfer.lines().stream().map(KeyedTransfer.Line::amount).toList());
        // Whole microseconds, as PostgreSQL stores them, so the view built here equals what a later read returns.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        TransferId id = new TransferId(ids.next());
        List<EntryView> entries = keyed.postKeyed(id, transfer, now);
        if (!entries.isEmpty()) {
            return new TransferView(id, transfer.postingKey(), transfer.description(), now, null, null, entries);
        }
        return post(transfer.withAccounts(open(transfer.currency(), keys)));
    }

    /**
     * {@link #post(KeyedTransfer)} for many transfers in one round trip on the common path (a group commit of
     * redemptions): each is posted as if alone, one after another in the given order — its own header, entries, posting
     * key and floors — and one that leaves the common path finishes on the general path afterwards, under the locks
     * already taken. A refusal of any of them refuses the call. Answers the transfers in the given order. Issue 15
     * (session 11): when every transfer is on the common path the batch is posted set-based (each account locked once,
     * each balance row or slot written once with its summed delta); otherwise transfer by transfer as before.
     */
    public List<TransferView> postKeyed(List<KeyedTransfer> transfers) {
        if (transfers.isEmpty()) {
            return List.of();
        }
        transfers.forEach(transfer -> TransferRules.validate(transfer.postingKey(), transfer.description(),
                transfer.lines().stream().map(KeyedTransfer.Line::account).toList(),
                transfer.lines().stream().map(KeyedTransfer.Line::amount).toList()));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<TransferId> ids = transfers.stream().map(transfer -> new TransferId(this.ids.next())).toList();
        List<List<EntryView>> posted = keyed.postKeyedBatch(ids, transfers, now)
                .orElseGet(() -> keyed.postKeyedAll(ids, transfers, now));
        List<TransferView> views = new ArrayList<>(transfers.size());
        for (int i = 0; i < transfers.size(); i++) {
            KeyedTransfer transfer = transfers.get(i);
            views.add(posted.get(i).isEmpty()
                    ? post(transfer.withAccounts(open(transfer.currency(), transfer.lines().stream().map(KeyedTransfer.Line::account).toList())))
                    : new TransferView(ids.get(i), transfer.postingKey(), transfer.description(), now, null, null, posted.get(i)));
        }
        return views;
    }

    /** Bound on the transfers of one {@link #postAll} call. */
    public static final int POST_ALL_MAX = 10_000;

    /**
     * Posts many balanced transfers atomically in a few round trips (bulk jobs): the same rules as {@link #post} for
     * each — validated, idempotent per posting key (a key posted with the same lines is skipped, with other lines
     * refused), every account's floor checked under its row lock as if the transfers were posted one after another in
     * the given order — but headers and entries are written first (one statement each), and only then all balance rows
     * locked in one statement (ascending id, so no deadlock with single posts), floors checked and balances updated:
     * a bulk job's chunks hold a shared account's row only from there to their commit. A refusal writes nothing (the
     * writes run under a savepoint). Answers the transfer ids in the given order (the first transfer's id for a
     * replayed key).
     */
    public List<TransferId> postAll(List<NewTransfer> transfers) {
        return bulk.postAll(transfers);
    }

    /**
     * Posts one wide transfer (up to {@link TransferRules#WIDE_LINES_MAX} lines) as {@link #postAll} posts: a bulk job's
     * chunk as ONE transfer, a line per owner account (e.g. each card's liability) and one per shared account carrying
     * the chunk's sum (issue 15: a compensation pay chunk posts ≈ 1,005 entries per 1,000 cards instead of ≈ 5,000).
     * Idempotent per posting key, floors checked under the balance rows' locks, nothing written on a refusal.
     */
    public TransferId postWide(NewTransfer transfer) {
        return bulk.postAll(List.of(transfer), TransferRules.WIDE_LINES_MAX).get(0);
    }

    /**
     * Normal balances of the accounts of one chart code and currency for many owners, in one read (e.g. every card's
     * CARD_LIABILITY); an owner without an account is absent.
     */
    @Transactional(readOnly = true, noRollbackFor = Rejection.class)
    public Map<UUID, Money> balancesByOwner(AccountType type, java.util.Collection<UUID> owners, Currency currency) {
        return bulk.balancesByOwner(type, owners, currency);
    }

    /** As {@link #open(AccountType, UUID, Currency)} for many owners of one chart code in two statements; owner → id. */
    public Map<UUID, AccountId> openAll(AccountType type, java.util.Collection<UUID> owners, Currency currency) {
        return bulk.openAll(type, owners, currency);
    }

    /**
     * Posts the mirror of a transfer (same accounts, opposite amounts) that references it. A transfer is reversed at
     * most once, and a reversal is not itself reversed (post a new transfer instead).
     */
    public TransferView reverse(TransferId original, String postingKey, String reason) {
        TransferView posted = transfer(original);
        if (posted.reverses() != null) {
            throw new Rejection(LedgerProblems.ALREADY_REVERSED, "transfer " + original + " is a reversal of "
                    + posted.reverses() + "; post a new transfer instead");
        }
        List<EntryLine> mirror = TransferRules.mirror(LedgerRepository.lines(posted.entries()));
        String description = "reversal of " + original + ": " + reason;
        if (description.length() > TransferRules.DESCRIPTION_LENGTH_MAX) {
            description = description.substring(0, TransferRules.DESCRIPTION_LENGTH_MAX);
        }
        return general.record(new NewTransfer(postingKey, description, mirror), original);
    }

    @Transactional(readOnly = true, noRollbackFor = Rejection.class)
    public Optional<TransferView> findTransfer(String postingKey) {
        return general.findTransfer(postingKey);
    }

    /** A posted transfer with its entries; 404 when unknown. */
    @Transactional(readOnly = true, noRollbackFor = Rejection.class)
    public TransferView transfer(TransferId id) {
        return repository.findTransfer(id).map(general::withEntries).orElseThrow(() -> Rejection.notFound("transfer " + id));
    }

    /** Accounts with balances, oldest first, optionally of one code and/or owner; at most PAGE_SIZE_MAX per page. */
    @Transactional(readOnly = true, noRollbackFor = Rejection.class)
    public LedgerPage<AccountView> accounts(AccountType type, UUID ownerId, int page, int size) {
        PageRequest rows = PageRequest.of(page, size, PAGE_SIZE_MAX);
        return new LedgerPage<>(accountRepository.accounts(type, ownerId, rows.offset(), rows.limit()), page, rows.limit(),
                accountRepository.countAccounts(type, ownerId));
    }

    /** An account's entries, newest first; 404 when the account is unknown. */
    @Transactional(readOnly = true, noRollbackFor = Rejection.class)
    public LedgerPage<EntryView> entries(AccountId account, int page, int size) {
        account(account);
        PageRequest rows = PageRequest.of(page, size, PAGE_SIZE_MAX);
        return new LedgerPage<>(entryQueries.entriesOfAccount(account, rows.offset(), rows.limit()), page, rows.limit(),
                entryQueries.countEntriesOfAccount(account));
    }

    /**
     * An account's entries posted from (inclusive) to (exclusive), oldest first, each with its posting key; refuses (422) a window
     * holding more than {@code limit} entries rather than returning part of it. 404 when the account is unknown.
     */
    @Transactional(readOnly = true, noRollbackFor = Rejection.class)
    public List<PostedEntry> entriesBetween(AccountId account, Instant from, Instant to, int limit) {
        account(account);
        if (!from.isBefore(to) || limit < 1 || limit > ENTRIES_BETWEEN_MAX) {
            throw new IllegalArgumentException("window " + from + ".." + to + " with limit " + limit);
        }
        List<PostedEntry> entries = entryQueries.entriesBetween(account, from, to, limit + 1);
        if (entries.size() > limit) {
            throw new Rejection(LedgerProblems.TOO_MANY_ENTRIES, "account " + account + " has more than " + limit
                    + " entries between " + from + " and " + to);
        }
        return entries;
    }

    /** Bound on the groups one grouped prefix read returns, and on the entries of {@link #latestEntries}. */
    public static final int PREFIX_GROUPS_MAX = 100_000;

    /**
     * Debits and credits per chart code, in {@code currency}, of all transfers whose posting key starts with
     * {@code prefix} (e.g. {@code "compensation-paid:<caseId>:"}); matched through an index on the key.
     */
    @Transactional(readOnly = true, noRollbackFor = Rejection.class)
    public PostingSums sumsByPostingKeyPrefix(String prefix, Currency currency) {
        requirePrefix(prefix);
        return reports.sumsByPostingKeyPrefix(prefix, currency, false).getOrDefault("", PostingSums.none(currency));
    }

    /**
     * As {@link #sumsByPostingKeyPrefix} in one read, grouped by the key's next segment: for {@code "claim-paid:"}
     * the sums per case id of keys {@code claim-paid:<caseId>:<claimId>}. Groups without transfers are absent.
     */
    @Transactional(readOnly = true, noRollbackFor = Rejection.class)
    public Map<String, PostingSums> sumsByPostingKeyPrefixPerSegment(String prefix, Currency currency) {
        requirePrefix(prefix);
        Map<String, PostingSums> sums = reports.sumsByPostingKeyPrefix(prefix, currency, true);
        if (sums.size() > PREFIX_GROUPS_MAX) {
            throw new Rejection(LedgerProblems.TOO_MANY_ENTRIES, "more than " + PREFIX_GROUPS_MAX + " groups under " + prefix);
        }
        return sums;
    }

    /**
     * As {@link #sumsByPostingKeyPrefixPerSegment} counting only the entries on these accounts, in one read (the
     * transfers' other entries are not read): e.g. per card of a closure case what the guarantee fund paid and which
     * merchant's subrogation receivable it booked. Each group's sums hold the chart codes of these accounts only.
     */
    @Transactional(readOnly = true, noRollbackFor = Rejection.class)
    public Map<String, PostingSums> sumsByPostingKeyPrefixPerSegment(String prefix, java.util.Collection<AccountId> accounts,
                                                                     Currency currency) {
        requirePrefix(prefix);
        if (accounts == null || accounts.isEmpty()) {
            throw new IllegalArgumentException("accounts: at least one");
        }
        Map<String, PostingSums> sums = reports.sumsOnAccountsByPostingKeyPrefix(prefix, accounts, currency);
        if (sums.size() > PREFIX_GROUPS_MAX) {
            throw new Rejection(LedgerProblems.TOO_MANY_ENTRIES, "more than " + PREFIX_GROUPS_MAX + " groups under " + prefix);
        }
        return sums;
    }

    /** An account's latest entries with their posting keys, newest first, at most {@code limit} (≤ PAGE_SIZE_MAX). */
    @Transactional(readOnly = true, noRollbackFor = Rejection.class)
    public List<PostedEntry> latestEntries(AccountId account, int limit) {
        account(account);
        return entryQueries.latestEntries(account, PageRequest.limit(limit, PAGE_SIZE_MAX));
    }

    private static void requirePrefix(String prefix) {
        if (prefix == null || prefix.isBlank() || prefix.length() > TransferRules.POSTING_KEY_LENGTH_MAX) {
            throw new IllegalArgumentException("posting key prefix: " + prefix);
        }
    }

    /**
     * Checks, over one consistent snapshot: every transfer balances per currency, balances sum to zero per currency,
     * no constrained account is negative, and every stored balance equals the sum of its entries.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ, noRollbackFor = Rejection.class)
    public InvariantReport checkInvariants() {
        return reports.checkInvariants();
    }
}
