package org.fangxin.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.fangxin.card.CardView;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.testing.Browser;
import org.fangxin.testing.FormSession;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.fangxin.testing.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * In Chromium, each party clicks from its home page: the consumer files a complaint with a photo, the merchant refuses,
 * the consumer escalates, the platform proposes resumed service, both accept, the merchant reports it done and the
 * consumer confirms. The boards and the calendar render for their roles, in Chinese and English.
 */
class ComplaintPageTests extends IntegrationTest {

    @Autowired ApplicationContext context;

    @Test
    void everyPartyTakesItsStepOnThePagesFromItsHome() {
        ComplaintFixtures fx = new ComplaintFixtures(context, users, clock, this::api, port);
        TestMerchants.Created gym = fx.gym();
        UserAccount consumer = users.create(Role.CONSUMER);
        UserAccount operator = users.create(Role.OPERATOR);
        CardView card = fx.buy(consumer, fx.pack(gym, org.fangxin.shared.Money.yuan(800)));
        try (Browser browser = Browser.open(port)) {
            Page me = browser.loggedIn(consumer.username(), TestUsers.PASSWORD);
            me.locator("a[href='/complaints']").click();
            me.locator("#card-choice").selectOption(card.id().toString());
            me.locator("#start-complaint").click();
            me.locator("#category").selectOption("SERVICE_NOT_DELIVERED");
            me.locator("#askedYuan").fill("200");
            me.locator("#description").fill("门店停课两周没有通知，要求恢复上课或退款。");
            me.locator("#files").setInputFiles(new FilePayload("停课通知.png", "image/png", ComplaintFixtures.PNG));
            me.locator("#submit-complaint").click();
            me.waitForURL("**/complaints/*");
            assertThat(me.locator("#filed").isVisible()).isTrue();
            assertThat(me.locator("#stage").textContent()).isEqualTo("商户协商");
            assertThat(me.locator("#evidence a").first().textContent()).isEqualTo("停课通知.png");
            assertThat(me.locator("#escalate").count()).as("not before the merchant answers or its deadline").isZero();
            String casePath = me.url().substring(me.url().indexOf("/complaints/"));
            UUID id = UUID.fromString(casePath.substring("/complaints/".length()));

            Page shop = browser.loggedIn(gym.ownerUsername(), TestUsers.PASSWORD);
            shop.locator("a[href='/complaints']").click();
            shop.locator("#complaints tr[data-id='" + id + "'] a").click();
            shop.locator("input[name=reason]").fill("课程已恢复，不同意退款");
            shop.locator("#refuse").click();
            assertThat(shop.locator("#done").isVisible()).isTrue();

            me.navigate(casePath);
            me.locator("#escalate").click();
            assertThat(me.locator("#stage").textContent()).isEqualTo("平台调解");

            Page platform = browser.loggedIn(operator.username(), TestUsers.PASSWORD);
            platform.locator("a[href='/complaints']").click();
            platform.locator("#complaints tr[data-id='" + id + "'] a").click();
            platform.locator("#remedy").selectOption("RESUME_SERVICE");
            platform.locator("#terms").fill("商户自下周一起恢复课程，并补上停课的两周");
            platform.locator("#propose").click();
            assertThat(platform.locator("#agreement-status").textContent()).isEqualTo("待双方确认");

            me.navigate(casePath);
            me.locator("#accept-agreement").click();
            shop.navigate(casePath);
            shop.locator("#accept-agreement").click();
            assertThat(shop.locator("#stage").textContent()).isEqualTo("履行调解协议");
            shop.locator("input[name=report]").fill("已于周一恢复上课");
            shop.locator("#report-performed").click();

            me.navigate(casePath);
            me.locator("#confirm-performed").click();
            assertThat(me.locator("#stage").textContent()).isEqualTo("达成协议并履行");
            me.navigate(casePath + "?lang=en");
            assertThat(me.locator("#stage").textContent()).isEqualTo("Agreement carried out");
            assertThat(me.locator("#timeline").textContent()).contains("Platform mediation");
        }
    }

    @Test
    void theBoardsAndTheCalendarRenderForTheirRolesInBothLanguages() {
        FormSession operator = FormSession.loggedIn(port, users.create(Role.OPERATOR).username());
        HttpResponse<String> home = operator.get("/home");
        assertThat(home.body()).contains("/complaints/sla").contains("/complaints/admin").contains("/calendar");
        HttpResponse<String> board = operator.get("/complaints/sla");
        assertThat(board.statusCode()).isEqualTo(200);
        assertThat(board.body()).contains("id=\"stage-chart\"").contains("投诉处理时效看板").contains("chart.umd.min.js");
        assertThat(operator.get("/complaints/sla?lang=en").body()).contains("Complaint deadlines board");
        assertThat(operator.get("/complaints/admin").body()).contains("ref,received_on").contains("id=\"rules-form\"");
        HttpResponse<String> calendar = operator.get("/calendar?year=2026");
        assertThat(calendar.body()).contains("data-day=\"2026-10-01\"").contains("data-day=\"2026-10-10\"").contains("id=\"day-form\"");
        assertThat(operator.get("/calendar?year=2026&lang=en").body()).contains("Adjusted working day");

        for (Role role : new Role[] {Role.ASSOCIATION, Role.REGULATOR}) {
            FormSession handler = FormSession.loggedIn(port, users.create(role).username());
            assertThat(handler.get("/home").body()).contains("href=\"/complaints\"").contains("/complaints/sla");
            assertThat(handler.get("/complaints/sla").statusCode()).isEqualTo(200);
            assertThat(handler.get("/complaints/admin").statusCode()).isEqualTo(403);
            assertThat(handler.get("/calendar").body()).doesNotContain("id=\"day-form\"");
        }
        // a sector without any closed case (nobody here sells catering): no median yet, still a board
        var catering = users.create(Role.REGULATOR, null, "CATERING");
        assertThat(FormSession.loggedIn(port, catering.username()).get("/complaints/sla").statusCode()).isEqualTo(200);
        assertThat(api().as(catering).get("/api/v1/complaints/sla-board").json().get("medianDaysToClose").isNull()).isTrue();
        FormSession consumer = FormSession.loggedIn(port, users.create(Role.CONSUMER).username());
        assertThat(consumer.get("/home").body()).contains("href=\"/complaints\"");
        assertThat(consumer.get("/complaints").body()).contains("id=\"file-complaint\"");
        assertThat(consumer.get("/complaints/sla").statusCode()).isEqualTo(403);
    }
    @Test
    void aConsumerComplainsAboutAMerchantFromItsPublicComplaintFigures() {
        ComplaintFixtures fx = new ComplaintFixtures(context, users, clock, this::api, port);
        TestMerchants.Created gym = fx.gym();
        UserAccount consumer = users.create(Role.CONSUMER);
        var pack = fx.pack(gym, org.fangxin.shared.Money.yuan(600));
        CardView card = fx.buy(consumer, pack);
        String figures = "/public/merchants/" + gym.id() + "/complaints";
        try (Browser browser = Browser.open(port)) {
            Page me = browser.loggedIn(consumer.username(), TestUsers.PASSWORD);
            me.locator("a[href='/complaints']").click();
            me.locator("#via-merchants").click();
            // each product's page links its merchant's complaint figures
            me.navigate("/public/products/" + pack.id());
            assertThat(me.locator("a.merchant-complaints").count()).isPositive();
            me.navigate(figures);
            assertThat(me.locator("#merchant-name").textContent()).contains(gym.merchant().legalName());
            assertThat(me.locator("#stat-filed").textContent()).isEqualTo("0");
            me.locator("#complain-merchant").click();
            assertThat(me.locator("#intake-merchant").textContent()).contains(gym.merchant().legalName());
            me.locator("#merchant-card").selectOption(card.id().toString());
            me.locator("#category").selectOption("CONTRACT_CLAUSE");
            me.locator("#askedAction").fill("删除\"概不退款\"条款");
            me.locator("#description").fill("合同写明概不退款，与本地规定不符，要求商户修改。");
            me.locator("#submit-complaint").click();
            me.waitForURL(java.util.regex.Pattern.compile(".*/complaints/[0-9a-f-]{36}$"));
            assertThat(me.locator("#stage").textContent()).isEqualTo("商户协商");
            me.navigate(figures + "?lang=en");
            assertThat(me.locator("#stat-filed").textContent()).isEqualTo("1");
            assertThat(me.locator("#stat-open").textContent()).isEqualTo("1");
            assertThat(me.locator("h1").textContent()).isEqualTo("Complaints about a merchant");
        }
        assertThat(api().getAny(figures).status()).as("public, no contents").isEqualTo(200);

        // "My refunds" offers a complaint next to each refund; the intake names the refund
        var refund = api().as(consumer).post("/api/v1/refunds", java.util.Map.of("cardId", card.id(), "reason",
                "CONSUMER_CHOICE"), UUID.randomUUID().toString());
        assertThat(refund.status()).as(refund.body()).isEqualTo(201);
        String refundId = refund.json().get("id").asString();
        FormSession session = FormSession.loggedIn(port, consumer.username());
        assertThat(session.get("/refunds").body()).contains("/complaints/new?subject=REFUND&amp;subjectId=" + refundId);
        HttpResponse<String> intake = session.get("/complaints/new?subject=REFUND&subjectId=" + refundId);
        assertThat(intake.statusCode()).isEqualTo(200);
        assertThat(intake.body()).contains("id=\"intake-refund\"");
        assertThat(FormSession.loggedIn(port, users.create(Role.CONSUMER).username())
                .get("/complaints/new?subject=REFUND&subjectId=" + refundId).statusCode()).as("another's refund").isEqualTo(404);
        assertThat(api().getAny("/public/merchants/" + UUID.randomUUID() + "/complaints").status()).isEqualTo(404);
    }
}
