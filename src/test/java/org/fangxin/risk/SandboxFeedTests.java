package org.fangxin.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.fangxin.identity.Role;
import org.fangxin.identity.Users;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.risk.feed.FeedFolder;
import org.fangxin.risk.feed.SandboxFeeds;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The sandbox providers' files of one month, dropped in a watched folder and imported like any provider's: the resent
 * tax file changes nothing, the malformed social-insurance file is refused whole (naming its record) and its corrected
 * file imported, the late utility file lands on its own month, and the 12315 complaint of an unknown merchant waits in
 * quarantine.
 */
class SandboxFeedTests extends IntegrationTest {

    @Autowired Merchants merchants;
    @Autowired Users accounts;
    @Autowired FeedFolder folder;
    @Autowired RiskFeeds feeds;

    @TempDir Path dropped;

    @Test
    void aMonthOfSandboxFilesImportsOnceRefusesTheMalformedOneAndQuarantinesTheStranger() throws IOException {
        TestMerchants testMerchants = new TestMerchants(merchants, accounts);
        var gym = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "410200");
        var salon = testMerchants.activeMerchant(Sector.BEAUTY, "410200");
        // a completed month; every third month the social-insurance bureau sends a bad file first
        YearMonth december = YearMonth.of(2025, 12);
        for (SandboxFeeds.SandboxFile file : SandboxFeeds.month(december, List.of(gym.merchant(), salon.merchant()), 5)) {
            Files.write(dropped.resolve(file.name()), file.content());
        }

        Map<String, FeedFolder.Outcome> outcomes = folder.scan(dropped).stream()
                .collect(Collectors.toMap(FeedFolder.Outcome::fileName, Function.identity()));

        assertThat(outcomes).hasSize(6);
        // the folder takes files in name order: "…-resent.csv" sorts before "….csv", so the second copy is the repeat
        assertThat(outcomes.get("tax-bureau__2025-12-resent.csv").result()).isEqualTo("IMPORTED");
        assertThat(outcomes.get("tax-bureau__2025-12-resent.csv").file().imported()).as("tax paid of both, arrears of the salon")
                .isEqualTo(3);
        assertThat(outcomes.get("tax-bureau__2025-12.csv").result()).as("the same file again").isEqualTo("REPEATED");
        var malformed = outcomes.get("social-insurance__2025-12.json");
        assertThat(malformed.result()).isEqualTo("FAILED");
        assertThat(malformed.error()).contains("line 1", "value");
        assertThat(Files.readString(dropped.resolve("failed/social-insurance__2025-12.json.error.txt"))).contains("line 1");
        assertThat(outcomes.get("social-insurance__2025-12-fixed.json").file().imported()).isEqualTo(2);
        assertThat(outcomes.get("power-utility__2025-11-late.csv").file().imported()).isEqualTo(2);
        var complaints = outcomes.get("12315__2025-12.csv");
        assertThat(complaints.result()).isEqualTo("IMPORTED");
        assertThat(complaints.file().records()).isEqualTo(2);
        assertThat(feeds.quarantine(users.create(Role.OPERATOR).actor(), false, 100))
                .anyMatch(q -> "12315-2025-12-9001".equals(q.reference()) && q.type() == FeedType.COMPLAINT_12315);
        assertThat(Files.list(dropped.resolve("processed")).count()).isEqualTo(5);
        assertThat(Files.list(dropped).filter(Files::isRegularFile).count()).as("nothing left behind").isZero();
    }
}
