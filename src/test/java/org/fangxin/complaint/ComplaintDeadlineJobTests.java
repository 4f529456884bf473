package org.fangxin.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.fangxin.complaint.workflow.ComplaintDeadlines;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.testing.Api;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestClock;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Two application instances run the deadline job at the same time (two db-scheduler instances on the shared job table,
 * each executing the real job body over the same due cases): every case takes its deadline step exactly once.
 */
class ComplaintDeadlineJobTests extends IntegrationTest {

    private static final int CASES = 6;

    @Autowired ApplicationContext context;
    @Autowired ComplaintDeadlines deadlines;
    @Autowired DataSource dataSource;

    @Test
    void twoInstancesRunningTheDeadlineJobAtOnceMoveEachCaseOnce() throws Exception {
        ComplaintFixtures fx = new ComplaintFixtures(context, users, clock, this::api, port);
        TestMerchants.Created gym = fx.gym();
        List<UUID> ids = new ArrayList<>();
        LocalDate due = null;
        for (int i = 0; i < CASES; i++) {
            UserAccount consumer = users.create(Role.CONSUMER);
            Api.Response filed = api().as(consumer).post("/api/v1/complaints", Map.of("subject", "MERCHANT",
                    "subjectId", gym.id(), "category", "SERVICE_NOT_DELIVERED", "askedAction", "按约定恢复上课",
                    "description", "门店连续两周不排课，前台不回应。"), ComplaintFixtures.key());
            assertThat(filed.status()).as(filed.body()).isEqualTo(201);
            ids.add(UUID.fromString(filed.json().get("id").asString()));
            due = LocalDate.parse(filed.json().get("deadline").get("dueOn").asString());
        }
        Instant after = due.plusDays(1).atTime(LocalTime.of(9, 0)).atZone(TestClock.SHANGHAI).toInstant();
        if (after.isAfter(clock.instant())) {
            clock.set(after);
        }

        AtomicInteger runs = new AtomicInteger();
        CyclicBarrier together = new CyclicBarrier(2);
        OneTimeTask<Void> job = Tasks.oneTime("complaint-deadlines-test-" + UUID.randomUUID())
                .execute((instance, context) -> {
                    try {
                        together.await(30, TimeUnit.SECONDS); // both runs start together, as on two busy instances
                    } catch (Exception e) {
                        throw new IllegalStateException("the other instance did not start", e);
                    }
                    deadlines.runDue();
                    runs.incrementAndGet();
                });
        Scheduler first = instance(job, "complaint-a");
        Scheduler second = instance(job, "complaint-b");
        Instant now = Instant.now();
        first.schedule(job.instance("on-a"), now);
        second.schedule(job.instance("on-b"), now);
        first.start();
        second.start();
        try {
            ComplaintFixtures.await(() -> runs.get() == 2, "both instances ran the deadline job");
        } finally {
            first.stop();
            second.stop();
        }

        for (UUID id : ids) {
            JsonNode timeline = api().as(users.create(Role.OPERATOR)).get("/api/v1/complaints/" + id + "/timeline").json();
            long deadlineSteps = 0;
            for (JsonNode change : timeline) {
                deadlineSteps += "DEADLINE".equals(change.get("party").asString()) ? 1 : 0;
            }
            assertThat(deadlineSteps).as("deadline steps of " + id).isEqualTo(1);
            assertThat(api().as(users.create(Role.OPERATOR)).get("/api/v1/complaints/" + id).json().get("stage").asString())
                    .isEqualTo("PLATFORM_MEDIATION");
            assertThat(fx.openDeadlines(id)).isEqualTo(1);
        }
    }

    private Scheduler instance(OneTimeTask<Void> job, String name) {
        return Scheduler.create(dataSource, job).tableName("jobs.scheduled_tasks").threads(2)
                .pollingInterval(Duration.ofMillis(50)).schedulerName(new SchedulerName.Fixed(name)).build();
    }
}
