package org.fangxin.ledger;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.fangxin.ledger.persistence.SlotDraws;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.Rejection;
import org.springframework.stereotype.Component;

/**
 * The {@link Ledger}'s general posting path, one transfer at a time: what a posting that is not keyed (or leaves the
 * keyed function's common path) and a reversal go through. Joins the facade's transaction; refusals are thrown before
 * anything is written.
 */
@Component
class GeneralPosting {

    private final LedgerRepository repository;
    private final SlotDraws slotDraws;
    private final IdGenerator ids;
    private final Clock clock;

    GeneralPosting(LedgerRepository repository, SlotDraws slotDraws, IdGenerator ids, Clock clock) {
        this.repository = repository;
        this.slotDraws = slotDraws;
        this.ids = ids;
        this.clock = clock;
    }

    Optional<TransferView> findTransfer(String postingKey) {
        return repository.findTransfer(postingKey).map(this::withEntries);
    }

    TransferView record(NewTransfer transfer, TransferId reverses) {
        TransferRules.validate(transfer);
        Map<AccountId, LockedBalance> locked = lock(transfer.lines());
        if (reverses != null) {
            // Looked up after the locks, so a concurrent posting of the same key or reversal that committed meanwhile is seen.
            Optional<TransferView> replay = replay(transfer, reverses);
            if (replay.isPresent()) {
                return replay.get();
            }
        }
        try {
            PostingChecks.requireKnownAccounts(transfer.lines(), locked);
            if (reverses != null) {
                repository.findTransfer(reverses).map(TransferRow::reversedBy).ifPresent(by -> {
                    throw new Rejection(LedgerProblems.ALREADY_REVERSED, "transfer " + reverses + " was already reversed by "
                            + by, Map.of("reversedBy", by.toString()));
                });
            }
            PostingChecks.requireNonNegativeAfter(transfer.lines(), locked);
        } catch (Rejection refused) {
            // A posting key already used is answered as such (replayed or reused) before any other refusal. A new
            // transfer skips this lookup: the header insert below finds a posting key taken (issue 15).
            return replay(transfer, reverses).orElseThrow(() -> refused);
        }
        // Whole microseconds, as PostgreSQL stores them, so the view built here equals what a later read returns.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        TransferId id = new TransferId(ids.next());
        Map<AccountId, Integer> slotted = new HashMap<>();
        locked.values().stream().filter(LockedBalance::slotted).forEach(b -> slotted.put(b.account(), b.slot()));
        List<EntryView> entries = repository.insertTransferAndEntries(
                new TransferRow(id, transfer.postingKey(), transfer.description(), now, reverses, null), transfer.lines(),
                slotted);
        if (entries.isEmpty()) {
            // The posting key is taken (by a transfer committed before or meanwhile): compare with it.
            return replay(transfer, reverses).orElseThrow();
        }
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

    /**
     * Locks what the lines need (docs/ledger.md "Balances"): the main rows of accounts a line could take below zero,
     * with their slots folded in so the floor is checked on the whole balance; loose lines lock nothing here; a drawn
     * line takes one slot holding enough, or, when none does, the main row with the slots folded and spread again.
     */
    private Map<AccountId, LockedBalance> lock(List<EntryLine> lines) {
        Map<AccountId, LockedBalance> locked = new HashMap<>(repository.lockForPosting(lines).stream()
                .collect(Collectors.toMap(LockedBalance::account, Function.identity())));
        UUID[] toFold = locked.values().stream().filter(b -> b.striped() && !b.loose() && !b.drawn())
                .map(b -> b.account().value()).toArray(UUID[]::new);
        if (toFold.length > 0) {
            repository.foldSlots(toFold, clock.instant()).forEach((account, balance) ->
                    locked.put(account, locked.get(account).withBalance(balance)));
        }
        for (EntryLine line : lines) {
            LockedBalance balance = locked.get(line.account());
            if (balance != null && balance.drawn() && balance.slot() == LedgerRepository.NO_SLOT) {
                locked.put(line.account(), draw(balance, -balance.normalSide().normal(line.amount().amountMinor())));
            }
        }
        return locked;
    }

    /**
     * A drawn line that found no free slot holding enough: waits for a held slot that does, else locks the main row
     * (after the other main rows: the one place a posting locks main rows out of id order) and folds the slots into it,
     * leaving the main row at least the amount and spreading the rest over the slots again.
     */
    private LockedBalance draw(LockedBalance balance, long normalAmount) {
        Optional<SlotDraws.Slot> slot = slotDraws.waitForSlotHolding(balance.account(), normalAmount);
        if (slot.isPresent()) {
            return balance.inSlot(slot.get().slot(), slot.get().balanceMinor());
        }
        repository.lockBalances(List.of(balance.account()));
        return balance.withBalance(slotDraws.foldAndSpread(balance.account(), normalAmount, clock.instant()));
    }

    TransferView withEntries(TransferRow row) {
        return new TransferView(row.id(), row.postingKey(), row.description(), row.postedAt(), row.reverses(),
                row.reversedBy(), repository.entriesOfTransfer(row.id()));
    }
}
