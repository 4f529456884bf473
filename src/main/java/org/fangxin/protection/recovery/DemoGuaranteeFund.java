package org.fangxin.protection.recovery;

import java.util.List;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
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

/** Demo profile only: the guarantee fund starts with one top-up of ¥1,000,000. Idempotent: skipped once any top-up exists. */
@Component
@Profile("demo")
@Order(46)
class DemoGuaranteeFund implements ApplicationRunner {

    static final Money SEED = Money.yuan(1_000_000);
    private static final Logger log = LoggerFactory.getLogger(DemoGuaranteeFund.class);

    private final GuaranteeFund fund;
    private final RecoveryRepository repository;
    private final Users users;

    DemoGuaranteeFund(GuaranteeFund fund, RecoveryRepository repository, Users users) {
        this.fund = fund;
        this.repository = repository;
        this.users = users;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!repository.topUps().isEmpty()) {
            return;
        }
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated("demo-seed", null, List.of()));
        try {
            Actor operator = users.findByUsername("operator").map(UserAccount::actor)
                    .orElse(new Actor(UUID.nameUUIDFromBytes("demo-seed".getBytes()), "demo-seed", Role.OPERATOR, null, null));
            fund.topUp(operator, SEED, "demo seed");
            log.info("demo guarantee fund topped up with {}", SEED.format());
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
