package org.fangxin.ledger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.fangxin.ledger.domain.TransferRules;
import org.fangxin.ledger.persistence.BulkPostingRepository;
import org.fangxin.ledger.persistence.LedgerRepository;
import org.fangxin.ledger.persistence.LedgerRepository.LockedBalance;
import org.fangxin.ledger.persistence.LedgerRepository.TransferRow;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.Money;
import org.fangxin.shared.Rejection;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/** Bulk work of the {@link Ledger} facade (compensation batches, card chunks): many accounts or transfers per statement. */
@Component
class BulkPosting {

    private final BulkPostingRepository repository;
    private final IdGenerator ids;
    private final Clock clock;
    /** A nested transaction (a savepoint in the caller's): a refused or clashing bulk posting leaves nothing behind. */
    private final TransactionTemplate savepoint;

    BulkPosting(BulkPostingRepository repository, IdGenerator ids, Clock clock, PlatformTransactionManager transactions) {
        this.repository = repository;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Posts many balanced transfers atomically in a few round trips (bulk jobs): the same rules as {@link Ledger#post} for
     * each — validated, idempotent per posting key (a key posted with the same lines is skipped, with other lines
     * refused), every account's floor checked under its row lock as if the transfers were posted one after another in
     * the given order. Headers and entries are written first (one statement); only then are all balance rows locked in one statement
     * (ascending id, so no deadlock with single posts), the floors checked and the balances updated — so a bulk job's
     * chunks hold a shared account's balance row (a merchant's escrow, the guarantee fund) only from there to their
     * commit, and chunks of one batch can run side by side. The writes run under a savepoint: a refusal writes nothing.
     * Answers the transfer ids in the given order (the first transfer's id for a replayed key).
     */
    List<TransferId> postAll(List<NewTransfer> transfers) {
        return postAll(transfers, TransferRules.LINES_MAX);
    }

    /** As {@link #postAll(List)} with transfers of up to {@code linesMax} lines each. */
    List<TransferId> postAll(List<NewTransfer> transfers, int linesMax) {
        requireValidAndDistinct(transfers, linesMax);
        if (transfers.isEmpty()) {
            return List.of();
        }
        Map<String, TransferId> byKey = attempt(transfers);
        if (byKey == null) {
            // a concurrent posting of one of the keys committed meanwhile: look again (the savepoint undid our writes)
            byKey = attempt(transfers);
        }
        if (byKey == null) {
            throw new IllegalStateException("a posting key of this bulk posting was posted concurrently with other lines");
        }
        Map<String, TransferId> ids = byKey;
        return transfers.stream().map(t -> ids.get(t.postingKey())).toList();
    }

    /** Posts what is not posted yet; answers every key's transfer id, or null when a key was taken meanwhile. */
    private Map<String, TransferId> attempt(List<NewTransfer> transfers) {
        Map<String, TransferId> byKey = new HashMap<>(replays(transfers));
        List<NewTransfer> fresh = transfers.stream().filter(t -> !byKey.containsKey(t.postingKey())).toList();
        List<TransferId> freshIds = fresh.stream().map(t -> new TransferId(ids.next())).toList();
        if (!fresh.isEmpty() && !Boolean.TRUE.equals(savepoint.execute(s -> write(fresh, freshIds, s)))) {
            return null;
        }
        for (int i = 0; i < fresh.size(); i++) {
            byKey.put(fresh.get(i).postingKey(), freshIds.get(i));
        }
        return byKey;
    }

    /**
     * Headers with their entries (one statement), then the balance rows locked, floors checked and balances updated;
     * false (rolled back to the savepoint) when a posting key was taken meanwhile.
     */
    private boolean write(List<NewTransfer> fresh, List<TransferId> freshIds, TransactionStatus status) {
        Instant now = clock.instant();
        if (repository.insertTransfers(freshIds, fresh, now) != fresh.size()) {
            status.setRollbackOnly();
            return false;
        }
        Set<AccountId> accounts = new HashSet<>();
        fresh.forEach(t -> t.lines().forEach(l -> accounts.add(l.account())));
        Map<AccountId, LockedBalance> locked = repository.lockBalancesBulk(accounts, now).stream()
                .collect(Collectors.toMap(LockedBalance::account, Function.identity()));
        repository.updateBalances(deltasWithinFloors(fresh, locked), now);
        return true;
    }

    private static void requireValidAndDistinct(List<NewTransfer> transfers, int linesMax) {
        if (transfers.size() > Ledger.POST_ALL_MAX) {
            throw new IllegalArgumentException("at most " + Ledger.POST_ALL_MAX + " transfers per call, not " + transfers.size());
        }
        Set<String> keys = new HashSet<>();
        for (NewTransfer transfer : transfers) {
            TransferRules.validate(transfer, linesMax);
            if (!keys.add(transfer.postingKey())) {
                throw new Rejection(LedgerProblems.INVALID_TRANSFER, "posting key " + transfer.postingKey()
                        + " appears twice in one bulk posting");
            }
        }
    }

    /**
     * Checks each transfer's accounts and floors as if the transfers were posted one after another (each sees the
     * balances the earlier ones left); answers the net change per account (zero changes left out).
     */
    private static Map<AccountId, Long> deltasWithinFloors(List<NewTransfer> fresh, Map<AccountId, LockedBalance> locked) {
        Map<AccountId, Long> running = new HashMap<>();
        for (NewTransfer transfer : fresh) {
            for (EntryLine line : transfer.lines()) {
                PostingChecks.checkLocked(line, locked.get(line.account()));
            }
            Map<AccountId, LockedBalance> current = new HashMap<>();
            for (EntryLine line : transfer.lines()) {
                LockedBalance l = locked.get(line.account());
                current.put(line.account(), new LockedBalance(l.account(), l.currency(), l.normalSide(), l.nonNegative(),
                        l.balanceMinor() + running.getOrDefault(line.account(), 0L)));
            }
            PostingChecks.requireNonNegativeAfter(transfer.lines(), current);
            transfer.lines().forEach(line -> running.merge(line.account(), line.amount().amountMinor(), Math::addExact));
        }
        running.values().removeIf(delta -> delta == 0);
        return running;
    }

    /** The already-posted transfers among these keys (same content; a different one is refused). */
    private Map<String, TransferId> replays(List<NewTransfer> transfers) {
        List<TransferRow> rows = repository.findTransfers(transfers.stream().map(NewTransfer::postingKey).toArray(String[]::new));
        if (rows.isEmpty()) {
            return Map.of();
        }
        Map<TransferId, List<EntryView>> entries = repository.entriesOfTransfers(
                        rows.stream().map(r -> r.id().value()).toArray(UUID[]::new)).stream()
                .collect(Collectors.groupingBy(EntryView::transferId));
        Map<String, NewTransfer> requested = transfers.stream().collect(Collectors.toMap(NewTransfer::postingKey, t -> t));
        Map<String, TransferId> posted = new HashMap<>();
        for (TransferRow row : rows) {
            NewTransfer transfer = requested.get(row.postingKey());
            List<String> differences = new ArrayList<>();
            TransferRules.difference(LedgerRepository.lines(entries.getOrDefault(row.id(), List.of())), transfer.lines())
                    .ifPresent(differences::add);
            if (row.reverses() != null) {
                differences.add("reverses " + row.reverses() + " posted, none requested");
            }
            if (!differences.isEmpty()) {
                String difference = String.join("; ", differences);
                throw new Rejection(LedgerProblems.POSTING_KEY_REUSED, "posting key '" + transfer.postingKey()
                        + "' was already used for transfer " + row.id() + " with different content: " + difference,
                        Map.of("postingKey", transfer.postingKey(), "transferId", row.id().toString(), "difference", difference));
            }
            posted.put(row.postingKey(), row.id());
        }
        return posted;
    }

    /**
     * Normal balances of the accounts of one chart code and currency for many owners, in one read (e.g. every card's
     * CARD_LIABILITY); an owner without an account is absent.
     */
    Map<UUID, Money> balancesByOwner(AccountType type, java.util.Collection<UUID> owners, Currency currency) {
        Map<UUID, Money> balances = new HashMap<>();
        for (Object[] row : repository.balancesOfOwners(type, currency, owners.toArray(UUID[]::new))) {
            balances.put((UUID) row[0], new Money(((Side) row[2]).normal((Long) row[1]), currency));
        }
        return balances;
    }

    /** As {@link Ledger#open(AccountType, UUID, Currency)} for many owners of one chart code in two statements; owner → id. */
    Map<UUID, AccountId> openAll(AccountType type, java.util.Collection<UUID> owners, Currency currency) {
        if (!type.ownerKind().requiresOwner() || owners.stream().anyMatch(java.util.Objects::isNull)) {
            throw new Rejection(LedgerProblems.INVALID_ACCOUNT, type + " accounts are opened one by one");
        }
        if (currency.getDefaultFractionDigits() < 0) {
            throw new Rejection(LedgerProblems.INVALID_ACCOUNT, "currency " + currency + " has no minor unit");
        }
        UUID[] distinct = owners.stream().distinct().toArray(UUID[]::new);
        UUID[] newIds = new UUID[distinct.length];
        for (int i = 0; i < distinct.length; i++) {
            newIds[i] = ids.next();
        }
        boolean nonNegative = type.nonNegativeByDefault();
        repository.insertAccountsIfAbsent(type, currency, nonNegative, newIds, distinct, clock.instant());
        Map<UUID, AccountId> opened = new HashMap<>();
        for (Object[] row : repository.accountsOfOwners(type, currency, distinct)) {
            if ((Boolean) row[2] != nonNegative) {
                throw new Rejection(LedgerProblems.INVALID_ACCOUNT, "account " + row[1] + " exists with non-negative = " + row[2]);
            }
            opened.put((UUID) row[0], (AccountId) row[1]);
        }
        return opened;
    }
}
