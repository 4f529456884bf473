package org.fangxin.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fangxin.catalog.domain.CatalogFixtures.gym;
import static org.fangxin.catalog.domain.CatalogFixtures.sessionPack;

import org.fangxin.catalog.ContractTerms;
import org.fangxin.catalog.RefundMethod;
import org.fangxin.catalog.Term;
import org.fangxin.merchant.Sector;
import org.fangxin.rules.RuleFixtures;
import org.junit.jupiter.api.Test;

class ContractDocumentTests {

    static final org.fangxin.merchant.MerchantView GYM = gym(Sector.SPORTS_FITNESS, "310104");

    private static String hashOf(org.fangxin.catalog.ProductDraft draft) {
        var content = ContractDocument.content(draft, GYM, RuleFixtures.rules("310104", "SPORTS_FITNESS"));
        return ContractDocument.sha256(ContractDocument.canonicalText(content));
    }

    @Test
    void sameTermsGiveTheSameHash() {
        String first = hashOf(sessionPack(2000, 60, Term.months(12)));
        String second = hashOf(sessionPack(2000, 60, Term.months(12)));

        assertThat(first).isEqualTo(second).hasSize(64).matches("[0-9a-f]{64}");
    }

    @Test
    void theHashIsPinnedSoTheCanonicalFormCannotDriftUnnoticed() {
        var content = ContractDocument.content(sessionPack(2000, 60, Term.months(12)), GYM, RuleFixtures.rules("310104", "SPORTS_FITNESS"));
        String text = ContractDocument.canonicalText(content);

        assertThat(text).startsWith("fangxin-contract/1\nproduct.name=60次私教课\n")
                .contains("amount.price=200000 CNY\n", "quantity.sessions=60\n", "term=12 MONTHS\n",
                        "guarantee.escrowRatioBp=4000\n", "place.1=徐汇店 | 上海市徐汇区漕溪北路1号 | lease ends 2027-12-31\n");
        assertThat(ContractDocument.sha256("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    /** Issue 13, item 7: where no row sets a ratio, the contract states 100% (what the purchase keeps), not 0%. */
    @Test
    void aContractUnderNoRatioStatesThatEverythingStaysInEscrow() {
        var noRatio = org.fangxin.rules.RuleSet.merge("440305", "SPORTS_FITNESS", RuleFixtures.DAY, java.util.List.of(
                RuleFixtures.row("*", "*", org.fangxin.rules.RuleValues.NONE, "no ratio")));

        var content = ContractDocument.content(sessionPack(2000, 60, Term.months(12)), GYM, noRatio);

        assertThat(content.supervisionRatioBp()).isEqualTo(10_000);
        assertThat(ContractDocument.canonicalText(content)).contains("guarantee.escrowRatioBp=10000\n");
    }

    @Test
    void anyChangedTermChangesTheHash() {
        var base = sessionPack(2000, 60, Term.months(12));
        String hash = hashOf(base);

        assertThat(hashOf(sessionPack(2001, 60, Term.months(12)))).isNotEqualTo(hash);
        assertThat(hashOf(sessionPack(2000, 59, Term.months(12)))).isNotEqualTo(hash);
        assertThat(hashOf(sessionPack(2000, 60, Term.days(365)))).isNotEqualTo(hash);
        assertThat(hashOf(base.withTerms(new ContractTerms(8, RefundMethod.PRO_RATA_SESSIONS, 0, true,
                base.terms().closureTerms(), base.terms().disputeResolution(), null)))).isNotEqualTo(hash);
        assertThat(hashOf(CatalogFixtures.withExtraTerms(base, "a\nb"))).isNotEqualTo(hashOf(CatalogFixtures.withExtraTerms(base, "a b")));
    }

    @Test
    void lineBreaksInsideValuesCannotForgeAnotherLine() {
        var forged = CatalogFixtures.withExtraTerms(sessionPack(2000, 60, Term.months(12)), "x\nterms.refundFeeBp=0");
        var content = ContractDocument.content(forged, GYM, RuleFixtures.rules("310104", "SPORTS_FITNESS"));

        assertThat(ContractDocument.canonicalText(content)).contains("terms.extra=x\\nterms.refundFeeBp=0\n")
                .containsOnlyOnce("\nterms.refundFeeBp=");
    }

    @Test
    void whitespaceAndUnicodeFormsAtTheEdgesDoNotChangeTheHash() {
        var plain = CatalogFixtures.withExtraTerms(sessionPack(2000, 60, Term.months(12)), "Café");
        var decomposed = CatalogFixtures.withExtraTerms(sessionPack(2000, 60, Term.months(12)), "  Cafe\u0301 ");

        assertThat(hashOf(decomposed)).isEqualTo(hashOf(plain));
    }
}
