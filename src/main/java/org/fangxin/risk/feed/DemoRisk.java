package org.fangxin.risk.feed;

import java.io.IOException;
import org.fangxin.identity.Role;
import org.fangxin.identity.Users;
import org.fangxin.risk.RiskScores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo profile only, after the demo merchants exist: a DATA_PROVIDER login ({@code data-provider}, operators issue it an
 * API key at /identity/api-keys to try the push API), the sandbox providers' files of the last twelve months imported
 * from the watched folder, and a first rating of every merchant, so the risk pages have something to show at once.
 */
@Component
@Profile("demo")
@Order(60)
class DemoRisk implements ApplicationRunner {

    static final String PASSWORD = "fangxin-demo";
    private static final Logger log = LoggerFactory.getLogger(DemoRisk.class);

    private final Users users;
    private final SandboxProvider sandbox;
    private final FeedFolder folder;
    private final RiskScores scores;

    DemoRisk(Users users, SandboxProvider sandbox, FeedFolder folder, RiskScores scores) {
        this.users = users;
        this.sandbox = sandbox;
        this.folder = folder;
        this.scores = scores;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (users.findByUsername("data-provider").isEmpty()) {
            users.create("data-provider", PASSWORD, "开封市大数据局 Data provider", Role.DATA_PROVIDER, null, null);
        }
        int written = sandbox.produceDue();
        if (written > 0) {
            folder.scan();
            var run = scores.rateAll();
            log.info("demo risk: {} sandbox files, {} merchants rated", written, run.rated());
        }
    }
}
