package org.fangxin.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.fangxin.shared.Money;
import org.junit.jupiter.api.Test;

class NoticeTests {

    @Test
    void rendersArgumentsTheSameInEveryLanguage() {
        Notice notice = Notice.of(UUID.randomUUID(), "card.notice.redeemed", "x", Instant.EPOCH, Money.fen(160_000),
                Instant.parse("2026-03-02T16:30:00Z"), LocalDate.of(2026, 3, 2), 3, null, "瑜伽 10 次卡");
        assertThat(notice.arguments())
                .containsExactly("¥1,600.00", "2026-03-03 00:30", "2026-03-02", "3", "", "瑜伽 10 次卡");
    }

    @Test
    void storesATermAsAReferenceToItsKey() {
        Notice notice = Notice.of(UUID.randomUUID(), "complaint.notice.stage", "x", Instant.EPOCH,
                Notice.term("complaint.stage.CLOSED"));
        assertThat(notice.arguments()).containsExactly("#{complaint.stage.CLOSED}");
        assertThat(Notice.Term.keyOf(notice.arguments().get(0))).isEqualTo("complaint.stage.CLOSED");
        assertThat(Notice.Term.keyOf("TS-1")).isNull();
        assertThatThrownBy(() -> Notice.term("not a key")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void needsAUserAKeyAndATime() {
        assertThatThrownBy(() -> Notice.of(null, "k", null, Instant.EPOCH)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Notice.of(UUID.randomUUID(), " ", null, Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Notice.of(UUID.randomUUID(), "k", null, null)).isInstanceOf(NullPointerException.class);
    }
}
