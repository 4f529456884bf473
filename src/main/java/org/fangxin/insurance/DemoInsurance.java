package org.fangxin.insurance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.insurance.persistence.InsuranceRepository;
import org.fangxin.merchant.Sector;
import org.fangxin.shared.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demo profile only: a Kaifeng insurer with the demo "insurer" login as member, a closure-insurance product and the
 * Kaifeng model policy (the city regulator insures every merchant of region 410200, the budget pays the premium) for
 * the current year. Idempotent: nothing is seeded when the demo insurer exists.
 */
@Component
@Profile("demo")
@Order(40)
class DemoInsurance implements ApplicationRunner {

    static final String LICENCE = "DEMO-KF-0001";
    static final String REGION = "410200";
    private static final Logger log = LoggerFactory.getLogger(DemoInsurance.class);

    private final Insurers insurers;
    private final Policies policies;
    private final InsuranceRepository repository;
    private final Users users;
    private final TransactionTemplate transactions;

    DemoInsurance(Insurers insurers, Policies policies, InsuranceRepository repository, Users users,
                  TransactionTemplate transactions) {
        this.insurers = insurers;
        this.policies = policies;
        this.repository = repository;
        this.users = users;
        this.transactions = transactions;
    }

    @Override
    public void run(ApplicationArguments args) {
        seedOnce(REGION);
    }

    /** Seeds the demo insurer and its region policy for {@code region} unless the demo insurer exists. */
    void seedOnce(String region) {
        if (repository.licenceTaken(LICENCE)) {
            return;
        }
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated("demo-seed", null, List.of()));
        try {
            transactions.executeWithoutResult(status -> seed(region));
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private void seed(String region) {
        Actor operator = users.findByUsername("operator").map(UserAccount::actor)
                .orElse(new Actor(UUID.nameUUIDFromBytes("demo-seed".getBytes()), "demo-seed", Role.OPERATOR, null, null));
        InsurerView insurer = insurers.create(operator, "中国人保财险开封市分公司", LICENCE);
        List<ProductRate> rates = new ArrayList<>();
        for (Sector sector : Sector.values()) {
            rates.add(new ProductRate(sector, RiskTier.A, 80));
            rates.add(new ProductRate(sector, RiskTier.B, 120));
            rates.add(new ProductRate(sector, RiskTier.C, 200));
        }
        ProductView product = insurers.defineProduct(operator, new NewProduct(insurer.id(), "放心消费险（开封）",
                EnumSet.allOf(ClosureTrigger.class), rates, Money.yuan(30_000_000), Money.yuan(50_000), Money.yuan(5_000)));
        users.findByUsername("insurer").filter(u -> u.is(Role.INSURER))
                .ifPresent(login -> insurers.link(operator, insurer.id(), login.id()));
        LocalDate start = policies.today().withDayOfYear(1);
        PolicyView policy = policies.issue(operator, new NewPolicy(product.id(), PolicyScope.REGION, List.of(), region,
                "开封市市场监督管理局", start, start.plusYears(1).minusDays(1), new CostSharing(0, 0, 10_000)));
        log.info("demo insurer {} with region policy {} for {}", insurer.name(), policy.policyNumber(), region);
    }
}
