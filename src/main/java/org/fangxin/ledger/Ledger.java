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
import java.util.function.Function;
import java.util.stream.Collectors;
import org.fangxin.ledger.domain.TransferRules;
import org.fangxin.ledger.persistence.LedgerRepository;
import org.fangxin.ledger.persistence.LedgerRepository.LockedBalance;
import org.fangxin.ledger.persistence.LedgerRepository.TransferRow;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.Money;
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

    private final LedgerRepository repository;
    private final IdGenerator ids;
    private final Clock clock;

    public Ledger(LedgerRepository repository, IdGenerator ids, Clock clock) {
        this.repository = repository;
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
        AccountView account = repository.findAccount(type, ownerId, currency).orElseGet(() -> {
            repository.insertAccountIfAbsent(ids.next(), type, ownerId, currency, nonNegative, clock.instant());
            return repository.findAccount(type, ownerId, currency).orElseThrow();
        });
        if (account.nonNegative() != nonNegative) {
            throw new Rejection(LedgerProblems.INVALID_ACCOUNT, "account " + account.id() + " exists with non-negative = "
                    + account.nonNegative());
        }
        return account;
    }

    @Transactional(readOnly = true, noRollbackFor = Rejection.class)
    public Optional<AccountView> findAccount(AccountType type, UUID ownerId, Currency currency) {
        return repository.findAccount(type, ownerId, currency);
    }

    /** The account with its current balance; 404 when unknown. */
    @Transactional(readOnly = true, noRollbackFor = Rejection.class)
    public AccountView account(AccountId id) {
        return repository.findAccount(id).orElseThrow(() -> Rejection.notFound("account " + id));
    }

    /** The current balance seen from the account's normal side (positive when it holds or owes value). */
    @Transactional(readOnly = true, noRollbackFor = Rejection.class)
    public Money balance(AccountId id) {
        return account(id).normalBalance();
    }

    /** The balance (normal side) from all entries posted at or before {@code instant}. */
    @Transactional(readOnly = true, noRollbackFor = Rejection.class)
    public Money balanceAsOf(AccountId id, Instant instant) {
        AccountView account = account(id);
        long signed = repository.sumOfEntries(id, instant);
        return new Money(account.normalSide().normal(signed), account.balance().currency());
    }

    /**
     * Posts a balanced transfer atomically. The same posting key with the same lines returns the first transfer and
     * writes nothing; with other lines it is refused ({@code posting-key-reused}, naming what differs).
     */
    public TransferView post(NewTransfer transfer) {
        return record(transfer, null);
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
        return record(new NewTransfer(postingKey, description, mirror), original);
    }

    @Transactional(readOnly = true, noRollbackFor = Rejection.class)
    public Optional<TransferView> findTransfer(String postingKey) {
        return repository.findTransfer(postingKey).map(this::withEntries);
    }

    /** A posted transfer with its entries; 404 when unknown. */
    @Transactional(readOnly = true, noRollbackFor = Rejection.class)
    public TransferView transfer(TransferId id) {
        return repository.findTransfer(id).map(this::withEntries).orElseThrow(() -> Rejection.notFound("transfer " + id));
    }

    /** Accounts with balances, oldest first, optionally of one code and/or owner; at most PAGE_SIZE_MAX per page. */
    @Transactional(readOnly = true, noRollbackFor = Rejection.class)
    public LedgerPage<AccountView> accounts(AccountType type, UUID ownerId, int page, int size) {
        int limit = pageSize(size);
        int offset = offset(page, limit);
        return new LedgerPage<>(repository.accounts(type, ownerId, offset, limit), page, limit,
                repository.countAccounts(type, ownerId));
    }

    /** An account's entries, newest first; 404 when the account is unknown. */
    @Transactional(readOnly = true, noRollbackFor = Rejection.class)
    public LedgerPage<EntryView> entries(AccountId account, int page, int size) {
        account(account);
        int limit = pageSize(size);
        return new LedgerPage<>(repository.entriesOfAccount(account, offset(page, limit), limit), page, limit,
                repository.countEntriesOfAccount(account));
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
        List<PostedEntry> entries = repository.entriesBetween(account, from, to, limit + 1);
        if (entries.size() > limit) {
            throw new Rejection(LedgerProblems.TOO_MANY_ENTRIES, "account " + account + " has more than " + limit
                    + " entries between " + from + " and " + to);
        }
        return entries;
    }

    /**
     * Checks, over one consistent snapshot: every transfer balances per currency, balances sum to zero per currency,
     * no constrained account is negative, and every stored balance equals the sum of its entries.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ, noRollbackFor = Rejection.class)
    public InvariantReport checkInvariants() {
        List<InvariantReport.Invariant> invariants = List.of(
                invariant(InvariantReport.TRANSFERS_BALANCE, repository.unbalancedTransfers(INVARIANT_EXAMPLES_MAX)),
                invariant(InvariantReport.BALANCES_SUM_TO_ZERO, repository.nonZeroBalanceSums()),
                invariant(InvariantReport.CONSTRAINED_ACCOUNTS_NOT_NEGATIVE,
                        repository.negativeConstrainedAccounts(INVARIANT_EXAMPLES_MAX)),
                invariant(InvariantReport.BALANCES_EQUAL_ENTRIES,
                        repository.balancesDifferingFromEntries(INVARIANT_EXAMPLES_MAX)));
        boolean holds = invariants.stream().allMatch(InvariantReport.Invariant::holds);
        return new InvariantReport(clock.instant(), holds, invariants, repository.totals());
    }

    private TransferView record(NewTransfer transfer, TransferId reverses) {
        TransferRules.validate(transfer);
        Map<AccountId, LockedBalance> locked = lock(transfer.lines());
        // Looked up after the locks, so a concurrent posting of the same key or reversal that committed meanwhile is seen.
        Optional<TransferView> replay = replay(transfer, reverses);
        if (replay.isPresent()) {
            return replay.get();
        }
        requireKnownAccounts(transfer.lines(), locked);
        if (reverses != null) {
            repository.findTransfer(reverses).map(TransferRow::reversedBy).ifPresent(by -> {
                throw new Rejection(LedgerProblems.ALREADY_REVERSED, "transfer " + reverses + " was already reversed by " + by,
                        Map.of("reversedBy", by.toString()));
            });
        }
        requireNonNegativeAfter(transfer.lines(), locked);
        // Whole microseconds, as PostgreSQL stores them, so the view built here equals what a later read returns.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        TransferId id = new TransferId(ids.next());
        if (!repository.insertTransferIfAbsent(id, transfer.postingKey(), transfer.description(), now, reverses)) {
            // Lost a race on the posting key with a transfer touching other accounts: compare with the winner.
            return replay(transfer, reverses).orElseThrow();
        }
        List<EntryView> entries = repository.insertEntriesAndAddToBalances(id, transfer.lines(), now);
        // A new transfer has no reversal yet; built from what was written rather than read back.
        return new TransferView(id, transfer.postingKey(), transfer.description(), now, reverses, null, entries);
    }

    /** The already-posted transfer of this posting key if its content is the same; a rejection if it differs. */
    private Optional<TransferView> replay(NewTransfer transfer, TransferId reverses) {
        Optional<TransferView> existing = findTransfer(transfer.postingKey());
        if (existing.isEmpty()) {
            return Optional.empty();
        }
        TransferView posted = existing.get();
        List<String> differences = new ArrayList<>();
        TransferRules.difference(LedgerRepository.lines(posted.entries()), transfer.lines()).ifPresent(differences::add);
        if (reverses == null ? posted.reverses() != null : !reverses.equals(posted.reverses())) {
            differences.add("reverses " + posted.reverses() + " posted, " + reverses + " requested");
        }
        if (!differences.isEmpty()) {
            String difference = String.join("; ", differences);
            throw new Rejection(LedgerProblems.POSTING_KEY_REUSED, "posting key '" + transfer.postingKey()
                    + "' was already used for transfer " + posted.id() + " with different content: " + difference,
                    Map.of("postingKey", transfer.postingKey(), "transferId", posted.id().toString(), "difference", difference));
        }
        return existing;
    }

    private Map<AccountId, LockedBalance> lock(List<EntryLine> lines) {
        return repository.lockBalances(lines.stream().map(EntryLine::account).toList())
                .stream().collect(Collectors.toMap(LockedBalance::account, Function.identity()));
    }

    /** Checked after the replay lookup, so a replayed or reused posting key is answered as such first. */
    private static void requireKnownAccounts(List<EntryLine> lines, Map<AccountId, LockedBalance> locked) {
        for (EntryLine line : lines) {
            LockedBalance balance = locked.get(line.account());
            if (balance == null) {
                throw new Rejection(LedgerProblems.UNKNOWN_ACCOUNT, "account " + line.account() + " does not exist",
                        Map.of("accountId", line.account().toString()));
            }
            if (!balance.currency().equals(line.amount().currency())) {
                throw new Rejection(LedgerProblems.CURRENCY_MISMATCH, "account " + line.account() + " is in "
                        + balance.currency() + ", the line is in " + line.amount().currency(),
                        Map.of("accountId", line.account().toString()));
            }
        }
    }

    /** Refuses lines that would take a constrained account below zero (checked under the locks; the DB re-checks). */
    private static void requireNonNegativeAfter(List<EntryLine> lines, Map<AccountId, LockedBalance> locked) {
        List<String> shortfalls = new ArrayList<>();
        for (EntryLine line : lines) {
            LockedBalance balance = locked.get(line.account());
            long newBalance = Math.addExact(balance.balanceMinor(), line.amount().amountMinor());
            if (balance.nonNegative() && balance.normalSide().normal(newBalance) < 0) {
                shortfalls.add("account " + line.account() + " holds " + balance.normalSide().normal(balance.balanceMinor())
                        + " " + balance.currency() + " minor and would go to " + balance.normalSide().normal(newBalance));
            }
        }
        if (!shortfalls.isEmpty()) {
            throw new Rejection(LedgerProblems.INSUFFICIENT_BALANCE, String.join("; ", shortfalls),
                    Map.of("accounts", shortfalls));
        }
    }

    private TransferView withEntries(TransferRow row) {
        return new TransferView(row.id(), row.postingKey(), row.description(), row.postedAt(), row.reverses(),
                row.reversedBy(), repository.entriesOfTransfer(row.id()));
    }

    private static InvariantReport.Invariant invariant(String code, List<String> violations) {
        return new InvariantReport.Invariant(code, violations.isEmpty(), violations.size(), violations);
    }

    private static int pageSize(int size) {
        return Math.min(Math.max(size, 1), PAGE_SIZE_MAX);
    }

    private static int offset(int page, int size) {
        if (page < 0) {
            throw Rejection.invalid("page", "page counts from 0");
        }
        return Math.multiplyExact(page, size);
    }
}
