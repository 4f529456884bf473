package org.fangxin.merchant;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.identity.Users;
import org.fangxin.merchant.domain.CreditCode;
import org.fangxin.merchant.persistence.MerchantRepository;
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

/**
 * Demo profile only: three approved merchants in Kaifeng (410200) with owner and staff logins, plus one application
 * awaiting approval. Idempotent: a merchant whose owner login exists is left alone. Password: {@value #PASSWORD}.
 */
@Component
@Profile("demo")
@Order(20)
class DemoMerchants implements ApplicationRunner {

    static final String PASSWORD = "fangxin-demo";
    static final String REGION = "410200";
    private static final Logger log = LoggerFactory.getLogger(DemoMerchants.class);

    private final Merchants merchants;
    private final Users users;
    private final Clock clock;

    DemoMerchants(Merchants merchants, Users users, Clock clock) {
        this.merchants = merchants;
        this.users = users;
        this.clock = clock;
    }

    private record Demo(String owner, String staff, String legalName, String organisation, Sector sector, String store,
                        String address, boolean approve, BusinessFacts business) { }

    private static BusinessFacts facts(int year, long capitalYuan, Long revenueYuan) {
        return new BusinessFacts(LocalDate.of(year, 4, 18), Money.yuan(capitalYuan),
                revenueYuan == null ? null : Money.yuan(revenueYuan), null);
    }

    @Override
    public void run(ApplicationArguments args) {
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated("demo-seed", null, List.of()));
        try {
            seed(new Demo("gym-owner", "gym-staff", "开封铁塔健身有限公司", "MA0000001", Sector.SPORTS_FITNESS,
                    "铁塔健身 鼓楼店", "开封市鼓楼区中山路中段88号", true, facts(2018, 1_000_000, 2_600_000L)));
            seed(new Demo("school-owner", "school-staff", "开封启明培训学校有限公司", "MA0000002", Sector.EDUCATION,
                    "启明培训 龙亭校区", "开封市龙亭区北道门街12号", true, facts(2016, 3_000_000, 4_800_000L)));
            seed(new Demo("salon-owner", "salon-staff", "开封清明上河美容美发有限公司", "MA0000003", Sector.BEAUTY,
                    "清明上河美发 顺河店", "开封市顺河回族区宋门关1号", true, facts(2021, 500_000, 900_000L)));
            seed(new Demo("bakery-owner", null, "开封汴京烘焙有限公司", "MA0000004", Sector.CATERING,
                    "汴京烘焙 西门店", "开封市禹王台区西门大街5号", false, facts(2025, 200_000, null)));
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private void seed(Demo demo) {
        if (users.findByUsername(demo.owner()).isPresent()) {
            return;
        }
        String first17 = "91" + REGION + demo.organisation();
        LocalDate leaseEnds = LocalDate.ofInstant(clock.instant(), MerchantRepository.ZONE).plusYears(3);
        MerchantView merchant = merchants.apply(new MerchantApplication(demo.legalName(), first17 + CreditCode.checkCharacter(first17),
                demo.sector(), REGION, List.of(new StoreApplication(demo.store(), demo.address(), leaseEnds)),
                new SettlementAccount(demo.legalName(), "中国银行开封分行", "62170000" + demo.organisation().substring(2)),
                ComplianceFlags.CLEAR, demo.owner(), PASSWORD, demo.legalName() + " 负责人", "1380378" + demo.organisation().substring(5),
                demo.business()));
        if (demo.approve()) {
            merchants.approve(seedOperator(), merchant.id());
        }
        if (demo.staff() != null && users.findByUsername(demo.staff()).isEmpty()) {
            users.create(demo.staff(), PASSWORD, demo.legalName() + " 店员", Role.MERCHANT_STAFF, merchant.id(), null);
        }
        log.info("demo merchant {} ({}) with login {} / {}", demo.legalName(), merchant.status(), demo.owner(), PASSWORD);
    }

    /** The seeding runs as a system operator (identity's demo "operator" login when it exists). */
    private Actor seedOperator() {
        return users.findByUsername("operator").map(account -> account.actor())
                .orElse(new Actor(UUID.nameUUIDFromBytes("demo-seed".getBytes()), "demo-seed", Role.OPERATOR, null, null));
    }
}
