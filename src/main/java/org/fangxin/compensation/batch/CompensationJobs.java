package org.fangxin.compensation.batch;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The compensation payment job (db-scheduler: one instance runs it at a time; lines are claimed with skip locked). */
@Configuration(proxyBeanMethods = false)
class CompensationJobs {

    @Bean
    RecurringTask<Void> compensationPaymentTask(CompensationPayer payer) {
        return Tasks.recurring("protection-compensation-payer", FixedDelay.ofSeconds(60))
                .execute((instance, context) -> payer.payDue());
    }

    /** Sends planned notices a crash left unsent (normally sent right after the plan commits). */
    @Bean
    RecurringTask<Void> compensationNoticeTask(CompensationNoticeSender sender) {
        return Tasks.recurring("protection-compensation-notices", FixedDelay.ofSeconds(60))
                .execute((instance, context) -> sender.sendPending());
    }
}
