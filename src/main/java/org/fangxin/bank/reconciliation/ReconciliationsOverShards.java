package org.fangxin.bank.reconciliation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.fangxin.bank.reconciliation.persistence.ReconciliationRepository;
import org.fangxin.shared.Rejection;
import org.fangxin.shared.Shards;
import org.springframework.stereotype.Component;

/**
 * Sub-accounts, runs and breaks wherever they are kept (ADR 12 §6, §8g). A sub-account is kept on its merchant's shard. One import is matched on every shard under one run id, so
 * each shard keeps a part of the run and the breaks of its own sub-accounts. Lists ask each shard once for its first
 * {@code offset + limit} rows and cut the page from the merge; a run adds its parts up; a break is read and worked on
 * the one shard that keeps it. Never one question per merchant. In the default deployment each read is asked once,
 * in place, in the caller's transaction.
 */
@Component
class ReconciliationsOverShards {

    private static final Comparator<RunView> NEWEST_FIRST = Comparator.comparing(RunView::ranAt).reversed()
            .thenComparing(RunView::id, Comparator.reverseOrder());
    private static final Comparator<BreakView> OLDEST_FIRST = Comparator.comparing(BreakView::date).thenComparing(BreakView::id);

    private final ReconciliationRepository repository;
    private final Shards shards;

    ReconciliationsOverShards(ReconciliationRepository repository, Shards shards) {
        this.repository = repository;
        this.shards = shards;
    }

    /** The merchant's sub-account, from the shard that keeps it. */
    Optional<SubAccountView> subAccount(UUID merchantId) {
        return shards.each(() -> repository.findSubAccount(merchantId)).stream().flatMap(Optional::stream).findFirst();
    }

    /** A page of sub-accounts by number (numbers never repeat across shards). */
    List<SubAccountView> subAccounts(int offset, int limit) {
        return shards.page(repository::subAccounts, Comparator.comparing(SubAccountView::accountNumber), offset, limit);
    }

    /**
     * A page of runs, newest first. Sharded: a run's part may have run a moment later on one shard than on another,
     * so the order is by each run's latest part (a run in the page is then among the first rows of the shard that
     * holds that part), and the page's runs are added up from their parts on every shard.
     */
    List<RunView> runs(int offset, int limit) {
        if (shards.count() == 1) {
            return repository.runs(offset, limit);
        }
        Map<UUID, RunView> latest = new LinkedHashMap<>();
        shards.each(() -> repository.runs(0, offset + limit))
                .forEach(part -> part.forEach(run -> latest.merge(run.id(), run, (a, b) -> NEWEST_FIRST.compare(a, b) <= 0 ? a : b)));
        List<UUID> page = latest.values().stream().sorted(NEWEST_FIRST).skip(offset).limit(limit).map(RunView::id).toList();
        if (page.isEmpty()) {
            return List.of();
        }
        List<List<RunView>> parts = shards.each(() -> repository.findRuns(page));
        List<RunView> runs = new ArrayList<>(page.size());
        for (UUID id : page) {
            runs.add(combined(parts.stream().flatMap(List::stream).filter(run -> run.id().equals(id)).toList()));
        }
        return runs;
    }

    /** A run with its matches and breaks (up to {@code itemsMax} each), its parts added up; empty when no shard has it. */
    Optional<RunDetail> run(UUID runId, int itemsMax) {
        List<RunDetail> parts = shards.each(() -> repository.findRun(runId)
                .map(run -> new RunDetail(run, repository.matchesOfRun(runId, itemsMax), repository.breaksOfRun(runId, itemsMax))))
                .stream().flatMap(Optional::stream).toList();
        return parts.isEmpty() ? Optional.empty() : Optional.of(combined(parts, itemsMax));
    }

    /** Breaks not yet approved, oldest first, at most {@code limit} over all shards. */
    List<BreakView> openBreaks(int limit) {
        return shards.page((offset, rows) -> repository.openBreaks(rows), OLDEST_FIRST, 0, limit);
    }

    Optional<BreakView> findBreak(UUID breakId) {
        return shards.each(() -> repository.findBreak(breakId)).stream().flatMap(Optional::stream).findFirst();
    }

    /**
     * Runs a step of the break's workflow on the shard that keeps the break, in that shard's transaction (the ledger
     * correction it names and the audit entry are that shard's too); 404 when no shard has it.
     */
    BreakView onShardOf(UUID breakId, Supplier<BreakView> step) {
        if (shards.count() == 1) {
            return step.get();
        }
        return shards.each(() -> repository.findBreak(breakId).isPresent() ? Optional.of(step.get()) : Optional.<BreakView>empty())
                .stream().flatMap(Optional::stream).findFirst().orElseThrow(() -> Rejection.notFound("break " + breakId));
    }

    /** One run from its parts on several shards (the first part's file, period and time; counts added up). */
    static RunView combined(List<RunView> parts) {
        RunView first = parts.get(0);
        if (parts.size() == 1) {
            return first;
        }
        int lineCount = parts.stream().mapToInt(RunView::lineCount).sum();
        int matches = parts.stream().mapToInt(RunView::matchCount).sum();
        return new RunView(first.id(), first.importId(), first.format(), first.fileName(), first.fromDate(), first.toDate(),
                lineCount, parts.stream().mapToInt(RunView::movementCount).sum(), matches,
                parts.stream().mapToInt(RunView::breakCount).sum(),
                lineCount == 0 ? 10_000 : (int) (matches * 10_000L / lineCount), first.ranAt());
    }

    /** The same with the parts' matches and breaks, at most {@code itemsMax} of each. */
    static RunDetail combined(List<RunDetail> parts, int itemsMax) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return new RunDetail(combined(parts.stream().map(RunDetail::run).toList()),
                parts.stream().flatMap(p -> p.matches().stream()).limit(itemsMax).toList(),
                parts.stream().flatMap(p -> p.breaks().stream()).limit(itemsMax).toList());
    }
}
