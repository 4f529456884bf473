package org.fangxin.ledger.check;

import org.fangxin.ledger.InvariantReport;
import org.fangxin.ledger.Ledger;
import org.fangxin.shared.AuditChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code --fangxin.check-and-exit=true}: starts on the configured database (migrating it if it is older), checks the
 * ledger invariants and the audit hash chain, prints the result and exits 0 when both hold, 1 otherwise. Used by the
 * restore test ({@code ops/restore-test.sh}) and after any restore: no login, no web server needed.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
@ConditionalOnProperty(name = "fangxin.check-and-exit", havingValue = "true")
class CheckAndExit implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(CheckAndExit.class);

    private final Ledger ledger;
    private final AuditChain audit;
    private final ConfigurableApplicationContext context;

    CheckAndExit(Ledger ledger, AuditChain audit, ConfigurableApplicationContext context) {
        this.ledger = ledger;
        this.audit = audit;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        InvariantReport report = ledger.checkInvariants();
        report.invariants().forEach(invariant -> System.out.println("CHECK ledger " + invariant.code() + ": "
                + (invariant.holds() ? "holds" : "BROKEN " + invariant.examples())));
        report.totals().forEach(total -> System.out.println("CHECK ledger totals " + total));
        AuditChain.Verification chain = audit.verify("system:check-and-exit");
        System.out.println("CHECK audit chain: " + (chain.intact() ? "intact" : "BROKEN at #" + chain.brokenPosition()
                + " " + chain.brokenReason()) + ", " + chain.entriesChecked() + " entries, head #" + chain.headPosition()
                + " " + chain.headHash() + ", " + chain.unsealed() + " not sealed");
        boolean clean = report.holds() && chain.intact();
        System.out.println("CHECK RESULT: " + (clean ? "CLEAN" : "NOT CLEAN"));
        log.info("check-and-exit: {}", clean ? "clean" : "not clean");
        int code = SpringApplication.exit(context, () -> clean ? 0 : 1);
        System.exit(code);
    }
}
