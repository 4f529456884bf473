package org.fangxin.risk.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.risk.RiskTier;
import org.fangxin.risk.TermsView;
import org.fangxin.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

class TermsReadInTransactionTests extends IntegrationTest {

    @Autowired TierRepository tiers;
    @Autowired TransactionTemplate transactions;
    @Autowired JdbcClient jdbc;

    private static TermsView terms(UUID merchant, int ratioBp) {
        return new TermsView(merchant, RiskTier.B, ratioBp, null, null, "B", null, null, false, null, Map.of(),
                Instant.parse("2026-12-07T00:00:00Z"));
    }

    private void changeRatioBehindTheRepository(UUID merchant, int ratioBp) {
        jdbc.sql("update risk.terms set supervision_ratio_bp = :bp where merchant_id = :id")
                .param("bp", ratioBp).param("id", merchant).update();
    }

    @Test
    void aTransactionReadsAMerchantsTermsOnceAndAWriteOfTermsReadsThemAgain() {
        UUID merchant = UUID.randomUUID();
        tiers.saveTerms(List.of(terms(merchant, 2_000)));
        transactions.executeWithoutResult(status -> {
            assertThat(tiers.terms(merchant)).map(TermsView::supervisionRatioBp).contains(2_000);
            changeRatioBehindTheRepository(merchant, 2_500);
            assertThat(tiers.terms(merchant)).map(TermsView::supervisionRatioBp).contains(2_000); // read once
            tiers.saveTerms(List.of(terms(merchant, 3_000)));
            assertThat(tiers.terms(merchant)).map(TermsView::supervisionRatioBp).contains(3_000);
        });
        transactions.executeWithoutResult(status ->
                assertThat(tiers.terms(merchant)).map(TermsView::supervisionRatioBp).contains(3_000));
        changeRatioBehindTheRepository(merchant, 3_500);
        assertThat(tiers.terms(merchant)).map(TermsView::supervisionRatioBp).contains(3_500); // no transaction: no memo
    }

    @Test
    void aMerchantWithoutTermsIsAskedOncePerTransactionToo() {
        UUID merchant = UUID.randomUUID();
        transactions.executeWithoutResult(status -> {
            assertThat(tiers.terms(merchant)).isEqualTo(Optional.empty());
            tiers.saveTerms(List.of(terms(merchant, 2_000)));
            assertThat(tiers.terms(merchant)).map(TermsView::supervisionRatioBp).contains(2_000);
        });
    }
}
