package org.fangxin.protection;

import java.time.Clock;
import java.time.Instant;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.AccountView;
import org.fangxin.ledger.Ledger;
import org.fangxin.merchant.MerchantPage;
import org.fangxin.merchant.MerchantStatus;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Merchants;
import org.fangxin.protection.domain.DepositRequirement;
import org.fangxin.protection.persistence.ProtectionRepository;
import org.fangxin.protection.persistence.ProtectionRepository.CoverageRow;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The coverage check of risk deposits: a merchant's required deposit (max(sector floor, share × advance exposure −
 * insured cover)) against what it lodged. Crossing into under-covered opens a top-up request and publishes
 * {@link MerchantUnderCovered} (the owners are told after commit, {@link DepositNotices}) (which blocks sales through {@link Deposits#maySell}); crossing back resolves
 * it and publishes {@link MerchantCoverRestored}. A check without a crossing only updates the figures.
 */
@Component
class CoverageCheck {

    static final int MERCHANT_PAGE_SIZE = 100;
    private static final Logger log = LoggerFactory.getLogger(CoverageCheck.class);

    private final ProtectionRepository repository;
    private final Merchants merchants;
    private final InsuredCover insurance;
    private final Ledger ledger;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;
    private final Currency currency = Money.CNY;
    private final Actor system = new Actor(UUID.nameUUIDFromBytes("protection-coverage-check".getBytes()),
            "system:protection", Role.OPERATOR, null, null);

    CoverageCheck(ProtectionRepository repository, Merchants merchants, ObjectProvider<InsuredCover> insurance,
                  Ledger ledger, ApplicationEventPublisher events, AuditTrail audit, IdGenerator ids, Clock clock,
                  PlatformTransactionManager transactions) {
        this.repository = repository;
        this.merchants = merchants;
        this.insurance = insurance.getIfAvailable(() -> InsuredCover.NONE);
        this.ledger = ledger;
        this.events = events;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * The job: checks every ACTIVE merchant, each in its own transaction (a failure is logged and counted, the others
     * go on). Idempotent: a merchant's state only changes when its figures cross the requirement.
     */
    CoverageCheckSummary checkAll() {
        Instant started = clock.instant();
        int checked = 0;
        int under = 0;
        int newlyUnder = 0;
        int restored = 0;
        int failed = 0;
        int page = 0;
        MerchantPage merchantPage;
        do {
            merchantPage = merchants.list(system, MerchantStatus.ACTIVE, page++, MERCHANT_PAGE_SIZE);
            for (MerchantView merchant : merchantPage.items()) {
                try {
                    Transition transition = ownTransaction.execute(status -> checkIn(merchant));
                    checked++;
                    under += transition.underAfter() ? 1 : 0;
                    newlyUnder += transition.underAfter() && !transition.underBefore() ? 1 : 0;
                    restored += !transition.underAfter() && transition.underBefore() ? 1 : 0;
                } catch (RuntimeException e) {
                    failed++;
                    log.warn("coverage check of merchant {} failed: {}", merchant.id(), e.toString());
                }
            }
        } while ((long) page * MERCHANT_PAGE_SIZE < merchantPage.total());
        return new CoverageCheckSummary(started, checked, under, newlyUnder, restored, failed);
    }

    record Transition(boolean underBefore, boolean underAfter) { }

    Transition checkIn(MerchantView merchant) {
        Instant now = clock.instant();
        CoverageRow before = repository.lockCoverage(merchant.id(), currency, now);
        Figures figures = figures(merchant);
        boolean wasUnder = before.underCoveredSince() != null;
        boolean under = figures.shortfall().isPositive();
        Instant since = under ? (wasUnder ? before.underCoveredSince() : now) : null;
        repository.updateCoverage(new CoverageRow(merchant.id(), figures.exposure(), figures.cover(), figures.required(),
                figures.lodged(), since, now));
        if (under && !wasUnder) {
            TopUpRequestView request = repository.openRequest(merchant.id()).orElseGet(() -> {
                TopUpRequestView created = new TopUpRequestView(ids.next(), merchant.id(), figures.shortfall(), now, null);
                repository.insertRequest(created);
                return created;
            });
            // the owners are asked to top up after commit (DepositNotices)
            events.publishEvent(new MerchantUnderCovered(merchant.id(), figures.required(), figures.lodged(),
                    figures.shortfall(), request.id(), now));
            audit.record("protection.coverage.under-covered", "merchant", merchant.id(), null, figures.summary());
        } else if (!under && wasUnder) {
            Optional<TopUpRequestView> open = repository.openRequest(merchant.id());
            open.ifPresent(request -> repository.resolveRequest(request.id(), now));
            events.publishEvent(new MerchantCoverRestored(merchant.id(), figures.required(), figures.lodged(), now));
            audit.record("protection.coverage.restored", "merchant", merchant.id(), null, figures.summary());
        }
        return new Transition(wasUnder, under);
    }

    private record Figures(Money exposure, Money cover, DepositRuleView rule, Money required, Money lodged,
                           Money shortfall) {
        Map<String, Object> summary() {
            return Map.of("exposure", exposure, "insuredCover", cover, "required", required, "lodged", lodged,
                    "shortfall", shortfall);
        }
    }

    private Figures figures(MerchantView merchant) {
        DepositRuleView rule = repository.rule(merchant.sector())
                .orElseThrow(() -> new IllegalStateException("no deposit rule for " + merchant.sector()));
        Money exposure = exposure(merchant.id());
        Money cover = insurance.insuredCover(merchant.id());
        Money required = DepositRequirement.required(rule.floor(), rule.shareBps(), exposure, cover);
        Money lodged = ledger.findAccount(AccountType.RISK_DEPOSIT, merchant.id(), currency)
                .map(AccountView::normalBalance).orElse(Money.zero(currency));
        return new Figures(exposure, cover, rule, required, lodged, DepositRequirement.shortfall(required, lodged));
    }

    /** The merchant's advance exposure: the balance of its MERCHANT_ADVANCE account in CNY (zero when none). */
    Money exposure(UUID merchantId) {
        return ledger.findAccount(AccountType.MERCHANT_ADVANCE, merchantId, currency).map(AccountView::normalBalance)
                .orElse(Money.zero(currency));
    }

    CoverageView live(MerchantView merchant) {
        Optional<CoverageRow> row = repository.coverage(merchant.id());
        Figures f = figures(merchant);
        return new CoverageView(merchant.id(), merchant.legalName(), merchant.sector(), f.exposure(), f.cover(),
                f.rule().floor(), f.rule().shareBps(), f.required(), f.lodged(), f.shortfall(),
                row.map(CoverageRow::underCoveredSince).orElse(null), row.map(CoverageRow::checkedAt).orElse(null));
    }

    /** A stored check as a view (figures as of that check, for lists). */
    CoverageView view(MerchantView merchant, CoverageRow row) {
        DepositRuleView rule = repository.rule(merchant.sector()).orElseThrow();
        return new CoverageView(merchant.id(), merchant.legalName(), merchant.sector(), row.exposure(), row.insuredCover(),
                rule.floor(), rule.shareBps(), row.required(), row.lodged(),
                DepositRequirement.shortfall(row.required(), row.lodged()), row.underCoveredSince(), row.checkedAt());
    }
}
