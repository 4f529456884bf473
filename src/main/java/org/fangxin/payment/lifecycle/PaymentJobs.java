package org.fangxin.payment.lifecycle;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The module's persistent, cluster-safe jobs (db-scheduler): the janitor and the refund sender. */
@Configuration(proxyBeanMethods = false)
class PaymentJobs {

    /** Refund batches one job run sends at most while every refund of each batch completes. */
    static final int BACKLOG_RUNS = 200;

    @Bean
    RecurringTask<Void> paymentJanitorTask(PaymentJanitor janitor) {
        return Tasks.recurring("payment-janitor", FixedDelay.ofSeconds(30)).execute((instance, context) -> janitor.sweep());
    }

    @Bean
    RecurringTask<Void> refundSenderTask(RefundWorker worker) {
        return Tasks.recurring("payment-refund-sender", FixedDelay.ofSeconds(10)).execute((instance, context) -> worker.submitBacklog(BACKLOG_RUNS));
    }
}
