package org.fangxin.compensation.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.fangxin.catalog.ProductKind;
import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.RefundMethod;
import org.fangxin.catalog.Term;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.protection.ClosureCaseView;
import org.fangxin.shared.Money;
import org.fangxin.testing.AccessMatrix;
import org.fangxin.testing.Api;
import org.fangxin.testing.FormSession;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;

/**
 * The compensation API and pages answer only their audience: a consumer sees and chooses on their own line (another's
 * is not found), operators run the workspace and the manual payout queue, the public sees counts without personal
 * data; a consumer who confirms early is paid at once; a card received by transfer is paid by an operator by hand.
 */
class CompensationAccessTests extends CompensationTestBase {

    @Test
    void consumersOperatorsAndThePublicEachSeeOnlyTheirPart() throws Exception {
        TestMerchants.Created gym = gym();
        ProductView pack = product(gym, ProductKind.SESSION_PACK, Money.yuan(600), 10, Term.months(3), RefundMethod.PRO_RATA_SESSIONS);
        UserAccount alice = users.create(Role.CONSUMER);
        UserAccount bob = users.create(Role.CONSUMER);
        UserAccount carol = users.create(Role.CONSUMER);
        String carolMobile = String.format("139%08d", Math.floorMod(System.nanoTime(), 100_000_000L));
        jdbc.sql("update identity.user_account set mobile = :m where id = :id").param("m", carolMobile).param("id", carol.id()).update();
        UUID aliceCard = buy(alice, pack);
        buy(bob, pack);
        UUID giftCard = buy(bob, pack);
        Api.Response gift = api().as(bob).post("/api/v1/cards/" + giftCard + "/transfer", Map.of("toMobile", carolMobile),
                UUID.randomUUID().toString());
        assertThat(gift.status()).as(gift.body()).isEqualTo(201);
        topUpFund(Money.yuan(10_000));
        ClosureCaseView closure = confirmClosure(gym.id());
        CompensationRepository.Batch batch = awaitBatch(closure.id());
        String path = "/api/v1/closures/" + closure.id() + "/compensation";

        Api.Response mine = api().as(alice).get("/api/v1/compensations/mine");
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.json().size()).isEqualTo(1);
        assertThat(mine.json().get(0).get("cardId").asString()).isEqualTo(aliceCard.toString());
        assertThat(mine.json().get(0).get("unredeemed").get("amountMinor").asLong()).isEqualTo(60_000);
        UUID aliceLine = UUID.fromString(mine.json().get(0).get("id").asString());
        assertThat(api().as(bob).get("/api/v1/compensations/mine").json().size()).isEqualTo(1);

        assertThat(api().as(bob).post("/api/v1/compensations/" + aliceLine + "/choice", Map.of("choice", "CASH"),
                UUID.randomUUID().toString()).status()).isEqualTo(404);
        assertThat(api().as(alice).post("/api/v1/compensations/" + aliceLine + "/choice", Map.of("choice", "TAKEOVER"),
                UUID.randomUUID().toString()).code()).isEqualTo("compensation-takeover-unavailable");
        assertThat(api().as(alice).post("/api/v1/compensations/" + aliceLine + "/choice", Map.of("choice", "GOLD"),
                UUID.randomUUID().toString()).status()).isEqualTo(400);
        String key = UUID.randomUUID().toString();
        Api.Response chosen = api().as(alice).post("/api/v1/compensations/" + aliceLine + "/choice", Map.of("choice", "CASH"), key);
        assertThat(chosen.status()).as(chosen.body()).isEqualTo(200);
        Api.Response replay = api().as(alice).post("/api/v1/compensations/" + aliceLine + "/choice", Map.of("choice", "CASH"), key);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");

        // confirmed early: paid by the next run, long before the deadline; the others wait
        assertThat(payer.payDue(batch.id(), Integer.MAX_VALUE, line -> { })).isEqualTo(1);
        payRefundsUntilSettled(batch.id());
        assertThat(repository.line(aliceLine).orElseThrow().status()).isEqualTo("PAID");
        assertThat(repository.totals(batch.id()).planned()).isEqualTo(2);

        AccessMatrix matrix = new AccessMatrix(port).caller("operator", users.create(Role.OPERATOR))
                .caller("regulator", users.create(Role.REGULATOR)).caller("owner", gym.owner()).caller("holder", alice)
                .caller("insurer", users.create(Role.INSURER)).caller("otherOwner", gym().owner()).anonymous("anonymous");
        //                                   oper reg  own  hold ins  other anon
        matrix.expect(api -> api.get(path), 200, 200, 200, 403, 403, 404, 401);
        // for the operator, starting again answers the same batch
        matrix.expect(api -> api.post(path, Map.of(), UUID.randomUUID().toString()), Map.of("owner", 403, "operator", 201));

        Api.Response progress = api().get("/api/v1/public/closures/" + closure.id() + "/compensation");
        assertThat(progress.status()).isEqualTo(200);
        assertThat(progress.json().get("compensated").asLong()).isEqualTo(1);
        assertThat(progress.json().get("consumers").asLong()).isEqualTo(3);
        assertThat(progress.body()).doesNotContain(alice.id().toString()).doesNotContain(aliceCard.toString());

        // after the deadline: Bob's card goes to the provider, Carol's (received by transfer) to the manual queue
        clock.advance(Duration.ofDays(8));
        assertThat(payer.payDue(batch.id(), Integer.MAX_VALUE, line -> { })).isEqualTo(2);
        payRefundsUntilSettled(batch.id());
        Api operator = api().as(users.create(Role.OPERATOR));
        Api.Response workspace = operator.get(path);
        assertThat(workspace.json().get("manualPayout").asLong()).isEqualTo(1);
        String carolLine = workspace.json().get("manualPayouts").get(0).get("id").asString();
        String payoutPath = path + "/lines/" + carolLine + "/manual-payout";
        assertThat(operator.post(payoutPath, Map.of("reference", "BANK-1")).code()).isEqualTo("idempotency-key-missing");
        assertThat(api().as(carol).post(payoutPath, Map.of("reference", "BANK-1"), UUID.randomUUID().toString()).status())
                .isEqualTo(403);
        assertThat(operator.post(payoutPath, Map.of("reference", "BANK-1"), UUID.randomUUID().toString()).status()).isEqualTo(200);
        assertThat(operator.post(payoutPath, Map.of("reference", "BANK-1"), UUID.randomUUID().toString()).code())
                .isEqualTo("compensation-not-awaiting-manual-payout");
        await(() -> "COMPLETED".equals(repository.batch(batch.id()).orElseThrow().status()), "batch completed");
        assertThat(api().as(carol).get("/api/v1/compensations/mine").json().get(0).get("status").asString()).isEqualTo("PAID");

        // pages
        FormSession page = FormSession.loggedIn(port, alice.username());
        var minePage = page.get("/compensations/mine");
        assertThat(minePage.statusCode()).isEqualTo(200);
        assertThat(minePage.body()).contains(aliceLine.toString()).contains("¥600.00");
        var operatorPage = FormSession.loggedIn(port, users.create(Role.OPERATOR).username())
                .get("/protection/closures/" + closure.id() + "/compensation");
        assertThat(operatorPage.statusCode()).isEqualTo(200);
        assertThat(operatorPage.body()).contains("id=\"batch-status\"").contains("COMPLETED");
        var notice = FormSession.anonymous(port).get("/public/closures/" + closure.id());
        assertThat(notice.body()).contains("id=\"compensation-progress\"").contains("3 / 3");
    }
}
