package org.fangxin.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fangxin.catalog.ProductView;
import org.fangxin.identity.Role;
import org.fangxin.identity.Users;
import org.fangxin.ledger.Ledger;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue #14, the check to keep: the malformed-input sweep generated from /v3/api-docs over every mutating operation
 * (about 3,000 requests; JSON bodies, multipart uploads and CSV imports), each as a role that may call it, aimed at real objects where a path names one. Only 4xx
 * problem documents with no implementation names, and the ledger invariants hold afterwards.
 */
class ApiSweepTests extends IntegrationTest {

    @Autowired Merchants merchants;
    @Autowired Users accounts;
    @Autowired Ledger ledger;

    @Test
    void everyMutatingOperationAnswersMalformedInputWithAProblemAndNothingBreaks() {
        var gym = new TestMerchants(merchants, accounts).activeMerchant(Sector.SPORTS_FITNESS, "410200");
        String storeId = gym.merchant().stores().get(0).id().toString();
        var product = api().as(gym.owner()).post("/api/v1/products",
                org.fangxin.catalog.ProductDrafts.monthlyPass(gym.merchant().stores().get(0).id(), 300, 1, null));
        assertThat(product.status()).as(product.body()).isEqualTo(201);
        String productId = product.json().get("id").asString();
        Map<String, String> bearers = new LinkedHashMap<>();
        for (Role role : List.of(Role.OPERATOR, Role.CONSUMER, Role.BANK, Role.INSURER, Role.REGULATOR, Role.ASSOCIATION)) {
            bearers.put(role.name(), api().as(users.create(role)).token());
        }
        bearers.put(Role.MERCHANT_OWNER.name(), api().as(gym.owner()).token());
        RawHttp http = new RawHttp(port);
        var docs = http.get("/v3/api-docs", Map.of("Accept", "application/json")).json();
        ApiSweep sweep = new ApiSweep(docs)
                .aimingAt("/api/v1/merchants/{id}", gym.id().toString())
                .aimingAt("/api/v1/merchants/{id}/stores/{storeId}", storeId)
                .aimingAt("/api/v1/products/{id}", productId)
                .filling("merchantId", gym.id().toString()).filling("storeId", storeId).filling("productId", productId);

        List<ApiSweep.Finding> findings = sweep.run(http, bearers);

        assertThat(sweep.operations()).hasSizeGreaterThan(50);
        assertThat(sweep.operations().stream().map(ApiSweep.Operation::template))
                .as("the newer modules' endpoints are swept too (complaint, calendar, compensation)")
                .contains("/api/v1/complaints", "/api/v1/complaints/{id}/evidence", "/api/v1/complaints/imports",
                        "/api/v1/calendar/days/{day}", "/api/v1/closures/{caseId}/compensation",
                        "/api/v1/compensations/{lineId}/choice", "/api/v1/card-transfer-offers/{id}/acceptance");
        assertThat(findings).as(String.join("\n", findings.stream().map(Object::toString).toList())).isEmpty();
        assertThat(ledger.checkInvariants().holds()).isTrue();
    }
}
