package org.fangxin.identity;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Retention periods (PIPL art. 19: no longer than the purpose needs), in configuration: one-time codes and the SMS
 * copies that carried them, failed logins and long-expired tokens are deleted by a daily job. The ledger and the audit
 * trail are kept (accounting and supervision), under anonymous ids once an account is closed.
 */
@Component
class IdentityRetention {

    private static final Logger log = LoggerFactory.getLogger(IdentityRetention.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration smsOutbox;
    private final Duration otpChallenges;
    private final Duration loginFailures;
    private final Duration expiredTokens;

    IdentityRetention(JdbcClient jdbc, Clock clock,
                      @Value("${fangxin.retention.sms-outbox:P30D}") Duration smsOutbox,
                      @Value("${fangxin.retention.otp-challenges:P30D}") Duration otpChallenges,
                      @Value("${fangxin.retention.login-failures:P30D}") Duration loginFailures,
                      @Value("${fangxin.retention.expired-tokens:P90D}") Duration expiredTokens) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.smsOutbox = smsOutbox;
        this.otpChallenges = otpChallenges;
        this.loginFailures = loginFailures;
        this.expiredTokens = expiredTokens;
    }

    /** Deletes what is older than its retention period; answers how many rows went. */
    @Transactional
    public int purge() {
        Instant now = clock.instant();
        int deleted = delete("delete from identity.sms_outbox where created_at < :before", now.minus(smsOutbox))
                + delete("delete from identity.otp_challenge where created_at < :before", now.minus(otpChallenges))
                + delete("delete from identity.login_failure where failed_at < :before", now.minus(loginFailures))
                + delete("delete from identity.access_token where expires_at < :before", now.minus(expiredTokens));
        log.info("retention: {} rows past their period deleted", deleted);
        return deleted;
    }

    private int delete(String sql, Instant before) {
        return jdbc.sql(sql).param("before", Timestamp.from(before)).update();
    }

    @Bean
    static RecurringTask<Void> identityRetentionTask(@org.springframework.context.annotation.Lazy IdentityRetention retention) {
        return Tasks.recurring("identity-retention", Schedules.daily(ZoneId.of("Asia/Shanghai"), LocalTime.of(4, 10)))
                .execute((instance, context) -> retention.purge());
    }
}
