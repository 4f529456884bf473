package org.fangxin.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fangxin.ledger.EntryLine.credit;
import static org.fangxin.ledger.EntryLine.debit;
import static org.fangxin.shared.Money.fen;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.fangxin.shared.Money;
import org.fangxin.shared.Rejection;
import org.fangxin.testing.ModuleTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.modulith.test.ApplicationModuleTest;

@ApplicationModuleTest(extraIncludes = "shared", webEnvironment = WebEnvironment.NONE)
class LedgerEntriesBetweenTests extends ModuleTest {

    @Autowired
    Ledger ledger;

    @Test
    void listsTheEntriesOfTheWindowOldestFirstWithTheirPostingKeys() {
        AccountView clearing = ledger.open(AccountType.CONSUMER_FUNDS_CLEARING, null, Money.CNY);
        AccountView escrow = ledger.open(AccountType.ESCROW, UUID.randomUUID(), Money.CNY);
        String before = "eb-" + UUID.randomUUID();
        ledger.post(NewTransfer.of(before, "before", debit(escrow.id(), fen(100)), credit(clearing.id(), fen(100))));
        clock.advance(Duration.ofMinutes(1));
        Instant from = clock.instant();
        String first = "eb-" + UUID.randomUUID();
        ledger.post(NewTransfer.of(first, "in", debit(escrow.id(), fen(200)), credit(clearing.id(), fen(200))));
        clock.advance(Duration.ofSeconds(1));
        String second = "eb-" + UUID.randomUUID();
        ledger.post(NewTransfer.of(second, "out", debit(clearing.id(), fen(50)), credit(escrow.id(), fen(50))));
        Instant to = clock.instant();

        var entries = ledger.entriesBetween(escrow.id(), from, to.plusNanos(1_000), 10);

        assertThat(entries).extracting(PostedEntry::postingKey).containsExactly(first, second);
        assertThat(entries).extracting(e -> e.entry().amount()).containsExactly(fen(200), fen(-50));
        assertThat(ledger.entriesBetween(escrow.id(), from, to, 10)).extracting(PostedEntry::postingKey).containsExactly(first);
        assertThatThrownBy(() -> ledger.entriesBetween(escrow.id(), from, to.plusNanos(1_000), 1))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.type()).isEqualTo(LedgerProblems.TOO_MANY_ENTRIES));
    }
}
