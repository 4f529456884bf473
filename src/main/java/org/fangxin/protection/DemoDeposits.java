package org.fangxin.protection;

import java.util.List;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.merchant.MerchantStatus;
import org.fangxin.merchant.Merchants;
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
 * Demo profile only: every ACTIVE merchant without a lodged deposit lodges its required amount, so the demo merchants
 * start covered (and may sell) until their exposure grows. Idempotent: a merchant with a deposit is left alone.
 */
@Component
@Profile("demo")
@Order(45)
class DemoDeposits implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoDeposits.class);

    private final Deposits deposits;
    private final Merchants merchants;
    private final Users users;
    private final TransactionTemplate transactions;

    DemoDeposits(Deposits deposits, Merchants merchants, Users users, TransactionTemplate transactions) {
        this.deposits = deposits;
        this.merchants = merchants;
        this.users = users;
        this.transactions = transactions;
    }

    @Override
    public void run(ApplicationArguments args) {
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated("demo-seed", null, List.of()));
        try {
            Actor operator = users.findByUsername("operator").map(UserAccount::actor)
                    .orElse(new Actor(UUID.nameUUIDFromBytes("demo-seed".getBytes()), "demo-seed", Role.OPERATOR, null, null));
            for (var merchant : merchants.list(operator, MerchantStatus.ACTIVE, 0, Merchants.PAGE_SIZE_MAX).items()) {
                transactions.executeWithoutResult(status -> {
                    CoverageView coverage = deposits.coverage(operator, merchant.id());
                    if (coverage.lodged().isZero() && coverage.shortfall().isPositive()) {
                        deposits.lodge(operator, merchant.id(), coverage.shortfall(), "demo seed");
                        log.info("demo deposit {} lodged for {}", coverage.shortfall().format(), merchant.legalName());
                    }
                });
            }
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
