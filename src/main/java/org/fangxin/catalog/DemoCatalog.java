package org.fangxin.catalog;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.StoreView;
import org.fangxin.shared.Money;
import org.fangxin.shared.Rejection;
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
 * Demo profile only, after the merchant demo (order 20): a few products for the demo merchants, found by their owners'
 * usernames. Idempotent (a product name already listed is skipped); silently skips merchants that do not exist or may
 * not sell, and logs products the rule table refuses (e.g. a store lease ending too soon).
 */
@Component
@Profile("demo")
@Order(30)
class DemoCatalog implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoCatalog.class);

    private final Products products;
    private final Users users;
    private final Merchants merchants;

    DemoCatalog(Products products, Users users, Merchants merchants) {
        this.products = products;
        this.users = users;
        this.merchants = merchants;
    }

    @Override
    public void run(ApplicationArguments args) {
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated("demo-seed", null, List.of()));
        try {
            seedFor("gym-owner", merchant -> List.of(
                    sessionPack("60次私教课", "一对一私教课程", 2000, 60, 6, merchant),
                    monthlyPass("健身月卡", 300, merchant)));
            seedFor("school-owner", merchant -> List.of(
                    sessionPack("48课时少儿英语课程", "少儿英语小班课", 4800, 48, 3, merchant)));
            seedFor("salon-owner", merchant -> List.of(storedValue("1000元储值卡", 1000, 1100, merchant)));
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** Lists the drafts for the merchant of this owner; returns how many products were created. */
    int seedFor(String ownerUsername, Function<MerchantView, List<ProductDraft>> drafts) {
        UserAccount owner = users.findByUsername(ownerUsername).orElse(null);
        if (owner == null || owner.merchantId() == null) {
            return 0;
        }
        MerchantView merchant = merchants.find(owner.merchantId()).orElse(null);
        if (merchant == null || merchant.reasonItMayNotSell().isPresent() || merchant.stores().isEmpty()) {
            return 0;
        }
        var existing = products.list(owner.actor(), Products.PAGE_SIZE_MAX).stream().map(ProductView::name).toList();
        int created = 0;
        for (ProductDraft draft : drafts.apply(merchant)) {
            if (existing.contains(draft.name())) {
                continue;
            }
            try {
                products.create(owner.actor(), draft);
                created++;
                log.info("demo product listed for {}: {}", ownerUsername, draft.name());
            } catch (Rejection rejection) {
                log.warn("demo product {} for {} refused: {}", draft.name(), ownerUsername, rejection.getMessage());
            }
        }
        return created;
    }

    private static List<UUID> stores(MerchantView merchant) {
        return merchant.stores().stream().map(StoreView::id).toList();
    }

    private static ContractTerms terms(RefundMethod method) {
        return new ContractTerms(7, method, 0, true,
                "闭店或停止服务时，按剩余价值全额退还，或经消费者同意转至承接商户。",
                "双方协商；协商不成的，可向消费者协会申请调解、向市场监管部门投诉或向人民法院起诉。", null);
    }

    static ProductDraft sessionPack(String name, String description, long yuan, int sessions, int months, MerchantView merchant) {
        return new ProductDraft(name, description, ProductKind.SESSION_PACK, Money.yuan(yuan), null, null, sessions,
                Term.months(months), stores(merchant), terms(RefundMethod.PRO_RATA_SESSIONS));
    }

    static ProductDraft monthlyPass(String name, long yuan, MerchantView merchant) {
        return new ProductDraft(name, "健身房会籍，营业时间内不限次数", ProductKind.PERIOD_PASS, Money.yuan(yuan), null, null, null,
                Term.months(1), stores(merchant), terms(RefundMethod.PRO_RATA_DAYS));
    }

    static ProductDraft storedValue(String name, long priceYuan, long faceYuan, MerchantView merchant) {
        return new ProductDraft(name, "美发美容消费，按项目价目表扣减", ProductKind.STORED_VALUE, Money.yuan(priceYuan), null,
                Money.yuan(faceYuan), null, Term.months(12), stores(merchant), terms(RefundMethod.PRO_RATA_VALUE));
    }
}
