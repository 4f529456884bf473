package org.fangxin.identity;

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

/** Demo profile only: one login per platform role (merchants seed their own owners). Password: {@value #PASSWORD}. */
@Component
@Profile("demo")
@Order(10)
class DemoUsers implements ApplicationRunner {

    static final String PASSWORD = "fangxin-demo";
    private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

    private final Users users;
    private final TransactionTemplate transactions;

    DemoUsers(Users users, TransactionTemplate transactions) {
        this.users = users;
        this.transactions = transactions;
    }

    @Override
    public void run(ApplicationArguments args) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated("demo-seed", null, java.util.List.of()));
        try {
            seed("operator", "平台运营", Role.OPERATOR, null, null);
            // A second operator: dual control (maker-checker) needs someone other than the one who ran settlement.
            seed("checker", "复核运营", Role.OPERATOR, null, null);
            seed("bank", "存管银行", Role.BANK, null, null);
            seed("insurer", "保险公司", Role.INSURER, null, null);
            // Regulators and the consumer association of Kaifeng (410200): they see Kaifeng's merchants only; the
            // education bureau only education. Beijing's market regulator sees Beijing; the national one everything.
            seed("regulator", "开封市市场监管局", Role.REGULATOR, null, "410200");
            seed("edu-regulator", "开封市教育局", Role.REGULATOR, "EDUCATION", "410200");
            seed("beijing-regulator", "北京市市场监管局", Role.REGULATOR, null, "110000");
            seed("national-regulator", "国家市场监管总局", Role.REGULATOR, null, null);
            seed("association", "开封市消费者协会", Role.ASSOCIATION, null, "410200");
            seed("consumer", "张三", Role.CONSUMER, null, null);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private void seed(String username, String displayName, Role role, String sector, String regionCode) {
        if (users.findByUsername(username).isEmpty()) {
            transactions.executeWithoutResult(status -> users.create(username, PASSWORD, displayName, role, null, sector,
                    regionCode));
            log.info("demo login created: {} / {} ({})", username, PASSWORD, role);
        }
    }
}
