package org.fangxin.complaint.workflow;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.util.UUID;
import org.fangxin.complaint.Complaints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/**
 * The deadline job (db-scheduler: persistent, picked by one instance at a time): every 15 minutes, every case whose
 * deadline passed takes the step it calls for. Each case runs in its own transaction under its row lock and is
 * re-checked there, so a second instance or a repeated run does nothing twice; a failing case does not hold back the
 * others and is retried on the next run.
 */
@Component
public class ComplaintDeadlines {

    private static final Logger log = LoggerFactory.getLogger(ComplaintDeadlines.class);

    private final Complaints complaints;
    private final org.fangxin.complaint.Agreements agreements;
    private final int batchSize;

    ComplaintDeadlines(Complaints complaints, org.fangxin.complaint.Agreements agreements,
                       @Value("${fangxin.complaint.batch-size:200}") int batchSize) {
        if (batchSize < 1 || batchSize > 1000) {
            throw new IllegalArgumentException("fangxin.complaint.batch-size must be 1..1000");
        }
        this.complaints = complaints;
        this.agreements = agreements;
        this.batchSize = batchSize;
    }

    /**
     * Sets aside agreed compensation the merchant's payable now holds, then takes every due step (a case may pass several
     * deadlines after a long pause); answers how many deadline steps were taken.
     */
    public int runDue() {
        for (UUID id : agreements.compensationsWaiting(batchSize)) {
            try {
                agreements.setAsideIfFunded(id);
            } catch (RuntimeException e) {
                log.error("the compensation agreed in complaint {} could not be set aside; retried on the next run", id, e);
            }
        }
        int steps = 0;
        for (int round = 0; round < 10; round++) {
            int taken = 0;
            for (UUID id : complaints.due(batchSize)) {
                try {
                    taken += complaints.lapse(id) ? 1 : 0;
                } catch (RuntimeException e) {
                    log.error("complaint {} could not take its deadline step; retried on the next run", id, e);
                }
            }
            steps += taken;
            if (taken == 0) {
                return steps;
            }
        }
        return steps;
    }

    @Configuration(proxyBeanMethods = false)
    static class Jobs {
        @Bean
        RecurringTask<Void> complaintDeadlineTask(ComplaintDeadlines deadlines) {
            return Tasks.recurring("complaint-deadlines", FixedDelay.ofMinutes(15))
                    .execute((instance, context) -> deadlines.runDue());
        }
    }
}
