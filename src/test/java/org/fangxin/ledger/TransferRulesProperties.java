package org.fangxin.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.fangxin.ledger.domain.TransferRules;
import org.fangxin.shared.Money;
import org.fangxin.shared.Rejection;

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

    @Property
    void balancedTransfersAreAcceptedAndTheirMirrorsToo(
            @ForAll @Size(min = 1, max = 20) List<@LongRange(min = 1, max = 1_000_000_000) Long> debits) {
        List<EntryLine> lines = balanced(debits);
        assertThatCode(() -> TransferRules.validate(new NewTransfer("p:1", "d", lines))).doesNotThrowAnyException();
        List<EntryLine> mirror = TransferRules.mirror(lines);
        assertThatCode(() -> TransferRules.validate(new NewTransfer("p:2", "d", mirror))).doesNotThrowAnyException();
        assertThat(TransferRules.difference(lines, mirror)).isPresent();
        List<EntryLine> reordered = new ArrayList<>(lines);
        java.util.Collections.reverse(reordered);
        assertThat(TransferRules.difference(lines, reordered)).isEmpty();
    }

    @Property
    void changingOneAmountUnbalancesTheTransfer(
            @ForAll @Size(min = 1, max = 20) List<@LongRange(min = -1_000_000, max = 1_000_000) Long> amounts,
            @ForAll @IntRange(min = 0, max = 30) int which, @ForAll @LongRange(min = 1, max = 1_000) long change) {
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
