package org.fangxin.insurance;

import static org.assertj.core.api.Assertions.assertThat;

import org.fangxin.identity.Users;
import org.fangxin.insurance.persistence.InsuranceRepository;
import org.fangxin.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** The demo seeding creates the Kaifeng insurer, its product and the region policy once (region changed for the test). */
class DemoInsuranceTests extends IntegrationTest {

    @Autowired
    Insurers insurers;
    @Autowired
    Policies policies;
    @Autowired
    InsuranceRepository repository;
    @Autowired
    Users accounts;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void seedsTheKaifengModelOnce() {
        var demo = new DemoInsurance(insurers, policies, repository, accounts, transactions);
        demo.seedOnce("659001"); // a region no other test uses: the real seed covers Kaifeng 410200
        demo.seedOnce("659001");
        var seeded = repository.policies(null).stream().filter(p -> "659001".equals(p.regionCode())).toList();
        assertThat(seeded).hasSize(1);
        assertThat(seeded.get(0).costSharing()).isEqualTo(new CostSharing(0, 0, 10_000));
        assertThat(seeded.get(0).policyholder()).isEqualTo("开封市市场监督管理局");
        assertThat(repository.products(seeded.get(0).insurerId()).get(0).rates()).hasSize(18);
    }
}
