package org.fangxin.risk.feed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.fangxin.merchant.MerchantStatus;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Merchants;
import org.fangxin.risk.RiskScores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Demo profile only: the sandbox data providers. Once a day it writes the files of every completed month not written
 * yet (the first run also writes the twelve months before, so the demo merchants have a history) into the watched feed
 * folder, where {@link FeedFolder} imports them like any provider's files. A month is written once (two instances
 * race for the month's row).
 */
@Component
@Profile("demo")
public class SandboxProvider {

    static final int HISTORY_MONTHS = 12;
    private static final Logger log = LoggerFactory.getLogger(SandboxProvider.class);

    private final Merchants merchants;
    private final FeedFolder folder;
    private final JdbcClient jdbc;
    private final Clock clock;

    SandboxProvider(Merchants merchants, FeedFolder folder, JdbcClient jdbc, Clock clock) {
        this.merchants = merchants;
        this.folder = folder;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Writes the due months' files; answers how many files were written. */
    @Transactional
    public int produceDue() throws IOException {
        if (!folder.enabled()) {
            return 0;
        }
        YearMonth last = YearMonth.from(LocalDate.ofInstant(clock.instant(), RiskScores.ZONE)).minusMonths(1);
        YearMonth first = jdbc.sql("select max(month) from risk.sandbox_month").query(String.class).optional()
                .map(YearMonth::parse).map(m -> m.plusMonths(1)).orElse(last.minusMonths(HISTORY_MONTHS - 1L));
        List<MerchantView> demo = demoMerchants();
        int written = 0;
        int running = jdbc.sql("select count(*) from risk.sandbox_month").query(Integer.class).single();
        for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
            boolean claimed = jdbc.sql("insert into risk.sandbox_month (month, produced_at) values (:m, :at) on conflict do nothing")
                    .param("m", month.toString()).param("at", Timestamp.from(clock.instant())).update() == 1;
            if (!claimed) {
                continue;
            }
            for (SandboxFeeds.SandboxFile file : SandboxFeeds.month(month, demo, running++)) {
                Files.createDirectories(folder.directory());
                Files.write(folder.directory().resolve(file.name()), file.content());
                written++;
            }
        }
        if (written > 0) {
            log.info("sandbox providers wrote {} feed files up to {} into {}", written, last, folder.directory());
        }
        return written;
    }

    private List<MerchantView> demoMerchants() {
        List<MerchantView> all = new ArrayList<>();
        var statuses = EnumSet.of(MerchantStatus.ACTIVE, MerchantStatus.SUSPENDED, MerchantStatus.CLOSING);
        java.util.UUID after = null;
        while (all.size() < 1_000) {
            List<MerchantView> batch = merchants.batch(statuses, after, 500);
            if (batch.isEmpty()) {
                break;
            }
            all.addAll(batch);
            after = batch.get(batch.size() - 1).id();
        }
        return all;
    }
}
