package org.fangxin.complaint;

import java.util.List;
import java.util.Optional;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Demo profile only: the demo consumer's complaint about the demo gym (group classes cancelled), so the complaint
 * pages of the consumer, the gym and the platform have a case to show. Idempotent: nothing is seeded when the demo
 * consumer has a complaint.
 */
@Component
@Profile("demo")
@Order(60)
class DemoComplaints implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoComplaints.class);

    private final Complaints complaints;
    private final Users users;

    DemoComplaints(Complaints complaints, Users users) {
        this.complaints = complaints;
        this.users = users;
    }

    @Override
    public void run(ApplicationArguments args) {
        Optional<UserAccount> consumer = users.findByUsername("consumer");
        Optional<UserAccount> gym = users.findByUsername("gym-owner");
        if (consumer.isEmpty() || gym.isEmpty() || !complaints.list(consumer.get().actor(), null, 1).isEmpty()) {
            return;
        }
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated("consumer", null, List.of()));
        try {
            ComplaintView filed = complaints.file(consumer.get().actor(), new FileComplaint(ComplaintSubject.MERCHANT,
                    gym.get().merchantId(), null, ComplaintCategory.SERVICE_NOT_DELIVERED, null,
                    "恢复每周三次的团课，或按未上课次数退款", "自上月起团课由每周三次减为一次，前台称另需加钱才能参加。"));
            log.info("demo complaint {} by consumer against the demo gym", filed.caseNumber());
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
