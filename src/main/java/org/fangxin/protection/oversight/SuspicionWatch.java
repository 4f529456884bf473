package org.fangxin.protection.oversight;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.card.Cards;
import org.fangxin.card.ConfirmationFailures;
import org.fangxin.card.QuietMerchant;
import org.fangxin.protection.ClosureCaseView;
import org.fangxin.protection.Closures;
import org.fangxin.protection.persistence.ClosureRepository;
import org.fangxin.shared.Rejection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * The suspicion watch: opens a SUSPECTED closure case (source AUTOMATIC, with the figures as evidence, which freezes
 * the merchant) when a merchant's redemptions stopped while it has live session packs, or when consumers refuse its
 * redemptions repeatedly. Thresholds are properties {@code fangxin.protection.suspicion.*} (docs/protection.md).
 * Idempotent and safe on two instances: each opening is its own transaction behind the merchant lock and the "one
 * open case" rule of {@link Closures#suspect}; signals before the merchant's last cleared case do not count again.
 */
@Component
public class SuspicionWatch {

    /** Merchants looked at per rule and run (a bound; the worst first). */
    public static final int CANDIDATES_MAX = 1_000;
    private static final Logger log = LoggerFactory.getLogger(SuspicionWatch.class);
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final java.time.format.DateTimeFormatter EVIDENCE_TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZONE);

    private final Cards cards;
    private final Closures closures;
    private final ClosureRepository cases;
    private final Clock clock;
    private final Duration quietPeriod;
    private final Duration activeLookBack;
    private final int liveCardsAtLeast;
    private final int earlierRedemptionsAtLeast;
    private final Duration failureWindow;
    private final int failingConsumersAtLeast;

    SuspicionWatch(Cards cards, Closures closures, ClosureRepository cases, Clock clock,
                   @Value("${fangxin.protection.suspicion.quiet-period:14d}") Duration quietPeriod,
                   @Value("${fangxin.protection.suspicion.active-look-back:60d}") Duration activeLookBack,
                   @Value("${fangxin.protection.suspicion.live-session-cards:3}") int liveCardsAtLeast,
                   @Value("${fangxin.protection.suspicion.earlier-redemptions:3}") int earlierRedemptionsAtLeast,
                   @Value("${fangxin.protection.suspicion.failure-window:7d}") Duration failureWindow,
                   @Value("${fangxin.protection.suspicion.failing-consumers:3}") int failingConsumersAtLeast) {
        if (quietPeriod.isNegative() || quietPeriod.isZero() || activeLookBack.isNegative() || activeLookBack.isZero()
                || failureWindow.isNegative() || failureWindow.isZero()) {
            throw new IllegalArgumentException("suspicion periods must be positive");
        }
        if (liveCardsAtLeast < 1 || earlierRedemptionsAtLeast < 1 || failingConsumersAtLeast < 1) {
            throw new IllegalArgumentException("suspicion thresholds are at least 1");
        }
        this.cards = cards;
        this.closures = closures;
        this.cases = cases;
        this.clock = clock;
        this.quietPeriod = quietPeriod;
        this.activeLookBack = activeLookBack;
        this.liveCardsAtLeast = liveCardsAtLeast;
        this.earlierRedemptionsAtLeast = earlierRedemptionsAtLeast;
        this.failureWindow = failureWindow;
        this.failingConsumersAtLeast = failingConsumersAtLeast;
    }

    /** What one run did: the cases it opened. */
    public record Run(Instant at, int merchantsChecked, List<ClosureCaseView> opened) { }

    /** Runs both rules now (the job; operators may run it too). */
    public Run run() {
        Instant now = clock.instant();
        List<ClosureCaseView> opened = new ArrayList<>();
        int checked = 0;

        Instant quietSince = now.minus(quietPeriod);
        List<QuietMerchant> quiet = cards.redemptionsStopped(quietSince.minus(activeLookBack), quietSince,
                LocalDate.ofInstant(now, ZONE), liveCardsAtLeast, earlierRedemptionsAtLeast, CANDIDATES_MAX);
        for (QuietMerchant q : quiet) {
            checked++;
            // An operator who cleared a case after the quiet period began has looked at this silence already.
            if (clearedSince(q.merchantId(), quietSince)) {
                continue;
            }
            // The evidence is read by operators and regulators: in Chinese, times in the platform's zone.
            open(q.merchantId(), "停止核销：已连续 " + quietPeriod.toDays() + " 天无核销（最近一次 "
                    + EVIDENCE_TIME.format(q.lastRedeemedAt()) + "），仍有 " + q.liveSessionCards() + " 张有剩余次数的次卡；此前 "
                    + activeLookBack.toDays() + " 天内核销 " + q.earlierRedemptions() + " 次")
                    .ifPresent(opened::add);
        }

        Instant from = now.minus(failureWindow);
        for (ConfirmationFailures f : cards.confirmationFailures(null, from, now, failingConsumersAtLeast, CANDIDATES_MAX)) {
            checked++;
            Optional<Instant> cleared = cases.lastCleared(f.merchantId()).filter(at -> at.isAfter(from));
            ConfirmationFailures counted = f;
            if (cleared.isPresent()) {
                // Count only what happened after the last clearing, as for consumers' reports.
                counted = cards.confirmationFailures(f.merchantId(), cleared.get(), now, failingConsumersAtLeast, 1)
                        .stream().findFirst().orElse(null);
            }
            if (counted == null) {
                continue;
            }
            open(f.merchantId(), "消费者确认失败：" + failureWindow.toDays() + " 天内有 " + counted.consumers()
                    + " 位消费者对 " + counted.failures() + " 次核销拒绝确认、超时未确认或申诉成功").ifPresent(opened::add);
        }
        if (!opened.isEmpty()) {
            log.info("suspicion watch opened {} closure cases", opened.size());
        }
        return new Run(now, checked, opened);
    }

    private boolean clearedSince(UUID merchantId, Instant since) {
        return cases.lastCleared(merchantId).filter(at -> at.isAfter(since)).isPresent();
    }

    private Optional<ClosureCaseView> open(UUID merchantId, String evidence) {
        try {
            return closures.suspect(merchantId, evidence);
        } catch (Rejection | IllegalStateException e) {
            // One merchant's failure must not stop the watch for the others; the next run tries again.
            log.warn("suspicion watch could not open a case for merchant {}: {}", merchantId, e.getMessage());
            return Optional.empty();
        }
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class Job {
        /** Hourly: a signal is acted on within the hour; a run with nothing new opens nothing. */
        @Bean
        RecurringTask<Void> protectionSuspicionWatch(SuspicionWatch watch) {
            return Tasks.recurring("protection-suspicion-watch", Schedules.fixedDelay(Duration.ofHours(1)))
                    .execute((instance, context) -> watch.run());
        }
    }
}
