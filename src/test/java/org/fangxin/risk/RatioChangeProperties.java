package org.fangxin.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.card.EscrowChecks;
import org.fangxin.catalog.ContractTerms;
import org.fangxin.catalog.ProductDraft;
import org.fangxin.catalog.ProductKind;
import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.Products;
import org.fangxin.catalog.RefundMethod;
import org.fangxin.catalog.Term;
import org.fangxin.identity.Role;
import org.fangxin.identity.Users;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.payment.Payments;
import org.fangxin.payment.sandbox.SandboxGateway;
import org.fangxin.shared.Money;
import org.fangxin.testing.Api;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 9 "Done when": a ratio change never alters a card already sold. Random sequences of tier changes (operator
 * overrides, whose terms change the supervision ratio and the contract text) and purchases on a real merchant: after
 * every step each card sold before keeps its contract version, ratio and advance; a new card is sold under the ratio
 * its contract states; at D nothing is sold; the escrow identity holds throughout.
 */
class RatioChangeProperties extends IntegrationTest {

    @Autowired Merchants merchants;
    @Autowired Users accounts;
    @Autowired RiskScores scores;
    @Autowired Products products;
    @Autowired SandboxGateway sandbox;
    @Autowired Payments payments;
    @Autowired EscrowChecks escrow;
    @Autowired JdbcClient jdbc;

    record Sold(UUID contractVersionId, int ratioBp, long advanceMinor) { }

    @Test
    void aRatioChangeNeverAltersACardAlreadySold() {
        qt().withExamples(4).withShrinkCycles(0)
                .forAll(lists().of(arbitrary().enumValues(RiskTier.class)).ofSizeBetween(2, 4))
                .checkAssert(this::run);
    }

    private void run(List<RiskTier> tiers) {
        var gym = new TestMerchants(merchants, accounts).activeMerchant(Sector.SPORTS_FITNESS, "410200");
        scores.rate(gym.id());
        ProductView pack = products.create(gym.ownerActor(), new ProductDraft("比例卡 " + UUID.randomUUID().toString().substring(0, 6),
                null, ProductKind.SESSION_PACK, Money.yuan(1_000), null, null, 10, Term.months(3),
                List.of(gym.merchant().stores().get(0).id()), new ContractTerms(7, RefundMethod.PRO_RATA_SESSIONS, 0, true,
                "闭店全额退款", "协商", null)));
        var operator = users.create(Role.OPERATOR).actor();
        Map<UUID, Sold> sold = new LinkedHashMap<>();
        buy(pack, sold);
        for (RiskTier tier : tiers) {
            var view = scores.override(operator, gym.id(), tier, "property " + tier, clock.instant().plus(5, ChronoUnit.DAYS));
            int ratio = view.terms().supervisionRatioBp();
            await().atMost(Duration.ofSeconds(60)).until(() -> contractRatio(pack.id()) == ratio);
            Map<UUID, Sold> before = Map.copyOf(sold);
            if (view.terms().salesBlocked()) {
                Api.Response refused = purchase(pack);
                assertThat(refused.status()).as("no sale at " + tier).isEqualTo(409);
            } else {
                UUID card = buy(pack, sold);
                assertThat(sold.get(card).ratioBp()).as("sold under its contract's ratio at " + tier).isEqualTo(ratio);
                assertThat(sold.get(card).advanceMinor()).isEqualTo(100_000L * (10_000 - ratio) / 10_000);
            }
            before.forEach((card, terms) -> assertThat(soldTerms(card)).as("card " + card + " after " + tier).isEqualTo(terms));
            assertThat(escrow.checkMerchant(gym.id()).holds()).isTrue();
        }
        scores.clearOverride(operator, gym.id());
    }

    private Api.Response purchase(ProductView pack) {
        var current = products.find(pack.id()).orElseThrow();
        return api().as(users.create(Role.CONSUMER)).post("/api/v1/purchases", Map.of("productId", pack.id(),
                "storeId", pack.storeIds().get(0), "contractVersionId", current.currentVersionId(), "acceptContract", true),
                UUID.randomUUID().toString());
    }

    private UUID buy(ProductView pack, Map<UUID, Sold> sold) {
        Api.Response started = purchase(pack);
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        UUID purchase = UUID.fromString(started.json().get("id").asString());
        sandbox.pay(payments.find(UUID.fromString(started.json().get("paymentOrderId").asString())).orElseThrow().providerOrderId());
        await().atMost(Duration.ofSeconds(60)).until(() -> cardOf(purchase) != null);
        UUID card = cardOf(purchase);
        sold.put(card, soldTerms(card));
        return card;
    }

    private int contractRatio(UUID productId) {
        var product = products.find(productId).orElseThrow();
        return products.findContractVersion(product.currentVersionId()).orElseThrow().content().supervisionRatioBp();
    }

    private UUID cardOf(UUID purchaseId) {
        return jdbc.sql("select id from card.card where purchase_id = :id").param("id", purchaseId).query(UUID.class)
                .optional().orElse(null);
    }

    private Sold soldTerms(UUID cardId) {
        return jdbc.sql("""
                select c.contract_version_id, p.supervision_ratio_bp, c.advance_minor
                  from card.card c join card.purchase p on p.id = c.purchase_id where c.id = :id
                """).param("id", cardId)
                .query((rs, n) -> new Sold(rs.getObject(1, UUID.class), rs.getInt(2), rs.getLong(3))).single();
    }
}
