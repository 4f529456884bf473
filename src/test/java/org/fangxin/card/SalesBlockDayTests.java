package org.fangxin.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import org.fangxin.card.persistence.SalesBlockRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The sales blocks start on a calendar day; which day it is now is the merchant's (its zone), not a zone the card
 * module keeps (review of issue 15: the purchase asked for "today" in a hard-coded Asia/Shanghai).
 */
class SalesBlockDayTests extends CardTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

    @Autowired SalesBlockRepository salesBlocks;

    @Test
    void anOverdueFilingBlocksFromTheDayAfterItWasDueInTheMerchantsOwnZone() {
        UUID merchantId = UUID.randomUUID();
        LocalDate due = LocalDate.of(2026, 3, 10);
        jdbc.sql("""
                insert into oversight.filing (id, merchant_id, region_code, sector, trigger, step, status, due_on,
                    outstanding_minor, created_at)
                values (:id, :merchant, '310104', 'RETAIL', 'STARTED_SELLING', 0, 'DUE', :due, 0, :now)
                """)
                .param("id", UUID.randomUUID()).param("merchant", merchantId).param("due", Date.valueOf(due))
                .param("now", Timestamp.from(Instant.now())).update();
        // 00:30 on 11 March in Shanghai is still 10 March (09:30) in Los Angeles
        Instant now = due.plusDays(1).atStartOfDay(SHANGHAI).plusMinutes(30).toInstant();

        assertThat(salesBlocks.reasonToRefuse(merchantId, now, SHANGHAI)).isPresent();
        assertThat(salesBlocks.reasonToRefuse(merchantId, now, LOS_ANGELES)).isEmpty();
        assertThat(salesBlocks.reasonToRefuse(merchantId, now.plusSeconds(15 * 3600), LOS_ANGELES)).isPresent();
    }
}
