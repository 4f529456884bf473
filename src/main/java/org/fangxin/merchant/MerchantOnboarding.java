package org.fangxin.merchant;

import static org.fangxin.merchant.MerchantChecks.auditState;
import static org.fangxin.merchant.MerchantChecks.creditCodeTaken;
import static org.fangxin.merchant.MerchantChecks.invalid;
import static org.fangxin.merchant.MerchantChecks.today;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.merchant.domain.ApplicationRules;
import org.fangxin.merchant.domain.CreditCode;
import org.fangxin.merchant.domain.FieldProblem;
import org.fangxin.merchant.persistence.MerchantRepository;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.Rejection;
import org.springframework.stereotype.Component;

/** A merchant applies: validated, its owner login created, stored PENDING with its stores and audited. */
@Component
class MerchantOnboarding {

    private final MerchantRepository repository;
    private final Users users;
    private final AuditTrail audit;
    private final IdGenerator ids;
    private final Clock clock;

    MerchantOnboarding(MerchantRepository repository, Users users, AuditTrail audit, IdGenerator ids, Clock clock) {
        this.repository = repository;
        this.users = users;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
    }

    public MerchantView apply(MerchantApplication application) {
        Instant now = clock.instant();
        List<FieldProblem> problems = ApplicationRules.check(application, today(now));
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        String creditCode = CreditCode.normalize(application.creditCode());
        if (repository.creditCodeTaken(creditCode)) {
            throw creditCodeTaken(creditCode);
        }
        UUID merchantId = ids.next();
        UserAccount owner = createOwner(application, merchantId);
        SettlementAccount account = application.settlementAccount();
        repository.insert(new MerchantRepository.NewMerchant(merchantId, application.legalName().strip(), creditCode,
                application.sector(), application.regionCode().strip(),
                application.flags() == null ? ComplianceFlags.CLEAR : application.flags(),
                new SettlementAccount(account.accountName().strip(), account.bankName().strip(),
                        ApplicationRules.normalizeAccountNumber(account.accountNumber())),
                application.contactMobile().strip(), owner.id(), now,
                ApplicationRules.normalizeBusiness(application.business(), today(now))));
        for (StoreApplication store : application.stores()) {
            repository.insertStore(merchantId, new StoreView(ids.next(), store.name().strip(), store.address().strip(),
                    store.leaseEndsOn()), now);
        }
        repository.insertHistory(ids.next(), merchantId, "APPLIED", null, MerchantStatus.PENDING, null,
                owner.username(), now);
        MerchantView merchant = repository.find(merchantId).orElseThrow();
        audit.record("merchant.applied", "merchant", merchantId, null, auditState(merchant, null));
        return merchant;
    }

    /** Creates the owner's login; its rejections are renamed to the application's fields. */
    private UserAccount createOwner(MerchantApplication application, UUID merchantId) {
        String displayName = application.ownerDisplayName() == null || application.ownerDisplayName().isBlank()
                ? application.legalName().strip() : application.ownerDisplayName().strip();
        try {
            return users.create(application.ownerUsername(), application.ownerPassword(), displayName,
                    Role.MERCHANT_OWNER, merchantId, null);
        } catch (Rejection rejection) {
            Map<String, Object> properties = new LinkedHashMap<>(rejection.properties());
            Object field = properties.get("field");
            if ("username".equals(field)) {
                properties.put("field", "ownerUsername");
            } else if ("password".equals(field)) {
                properties.put("field", "ownerPassword");
            }
            throw new Rejection(rejection.type(), rejection.getMessage(), properties);
        }
    }
}
