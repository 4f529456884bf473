package org.fangxin.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fangxin.ledger.domain.TransferRules;
import org.fangxin.shared.Money;
import org.fangxin.shared.Rejection;
import org.junit.jupiter.api.Test;

class TransferRulesProperties {

    /** Lines with the given amounts plus one line that balances them (nudged off zero when needed). */
    private static List<EntryLine> balanced(List<Long> amounts) {
        List<EntryLine> lines = new ArrayList<>();
        long sum = 0;
        for (long amount : amounts) {
            lines.add(new EntryLine(new AccountId(UUID.randomUUID()), Money.fen(amount)));
            sum += amount;
        }
        if (sum == 0) {
            lines.add(new EntryLine(new AccountId(UUID.randomUUID()), Money.fen(1)));
            sum = 1;
        }
        lines.add(new EntryLine(new AccountId(UUID.randomUUID()), Money.fen(-sum)));
        return lines;
    }

    @Test
    void balancedTransfersAreAcceptedAndTheirMirrorsToo() {
        qt().forAll(lists().of(longs().between(1, 1_000_000_000)).ofSizeBetween(1, 20))
                .checkAssert(TransferRulesProperties::balancedTransferIsAcceptedAndItsMirrorToo);
    }

    private static void balancedTransferIsAcceptedAndItsMirrorToo(List<Long> debits) {
        List<EntryLine> lines = balanced(debits);
        assertThatCode(() -> TransferRules.validate(new NewTransfer("p:1", "d", lines))).doesNotThrowAnyException();
        List<EntryLine> mirror = TransferRules.mirror(lines);
        assertThatCode(() -> TransferRules.validate(new NewTransfer("p:2", "d", mirror))).doesNotThrowAnyException();
        assertThat(TransferRules.difference(lines, mirror)).isPresent();
        List<EntryLine> reordered = new ArrayList<>(lines);
        java.util.Collections.reverse(reordered);
        assertThat(TransferRules.difference(lines, reordered)).isEmpty();
    }

    @Test
    void changingOneAmountUnbalancesTheTransfer() {
        qt().forAll(lists().of(longs().between(-1_000_000, 1_000_000)).ofSizeBetween(1, 20), integers().between(0, 30),
                longs().between(1, 1_000)).checkAssert(TransferRulesProperties::changedAmountUnbalances);
    }

    private static void changedAmountUnbalances(List<Long> amounts, int which, long change) {
        List<EntryLine> lines = new ArrayList<>(balanced(amounts.stream().filter(a -> a != 0).toList()));
        if (lines.size() < 2) {
            return;
        }
        int index = which % lines.size();
        EntryLine line = lines.get(index);
        long changed = line.amount().amountMinor() + change;
        if (changed == 0) {
            changed += 1;
        }
        lines.set(index, new EntryLine(line.account(), Money.fen(changed)));
        try {
            TransferRules.validate(new NewTransfer("p:3", "d", lines));
            throw new AssertionError("an unbalanced transfer was accepted: " + lines);
        } catch (Rejection rejection) {
            assertThat(rejection.type()).isEqualTo(LedgerProblems.UNBALANCED);
        }
    }
}
