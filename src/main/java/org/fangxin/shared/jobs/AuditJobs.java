package org.fangxin.shared.jobs;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.LocalTime;
import java.time.ZoneId;
import org.fangxin.shared.AuditChain;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The audit chain's jobs: sealing every minute (a backstop; entries are normally sealed right after they commit)
 * and the daily verification of the whole chain, which logs the head hash and, as an error, the first broken link.
 */
@Configuration(proxyBeanMethods = false)
class AuditJobs {

    static final String SYSTEM = "system:audit-verification";

    @Bean
    RecurringTask<Void> auditChainSeal(AuditChain chain) {
        return Tasks.recurring("audit-chain-seal", FixedDelay.ofMinutes(1))
                .execute((instance, context) -> chain.sealAll(1_000));
    }

    @Bean
    RecurringTask<Void> auditChainVerify(AuditChain chain, @Value("${fangxin.audit.verify-zone:Asia/Shanghai}") String zone,
                                         @Value("${fangxin.audit.verify-at:03:30}") LocalTime at) {
        return Tasks.recurring("audit-chain-verify", Schedules.daily(ZoneId.of(zone), at))
                .execute((instance, context) -> {
                    chain.sealAll(1_000);
                    chain.verify(SYSTEM);
                });
    }
}
