package org.fangxin.storefront;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.fangxin.catalog.ContractTerms;
import org.fangxin.catalog.ProductDraft;
import org.fangxin.catalog.ProductKind;
import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.Products;
import org.fangxin.catalog.RefundMethod;
import org.fangxin.catalog.Term;
import org.fangxin.identity.Users;
import org.fangxin.merchant.MerchantApplication;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.merchant.SettlementAccount;
import org.fangxin.merchant.StoreApplication;
import org.fangxin.shared.Money;
import org.fangxin.testing.TestMerchants;

/** A merchant and products named in Chinese only, as a Kaifeng gym would be, for the consumer pages' journeys. */
final class StorefrontFixtures {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 100_000);
    private static final String[] DIGITS = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

    private final Merchants merchants;
    private final Users users;
    private final Products products;

    StorefrontFixtures(Merchants merchants, Users users, Products products) {
        this.merchants = merchants;
        this.users = users;
        this.products = products;
    }

    /** An approved gym "开封放心健身N号店" in Kaifeng with one store. */
    TestMerchants.Created gym() {
        TestMerchants testMerchants = new TestMerchants(merchants, users);
        MerchantApplication a = testMerchants.application(Sector.SPORTS_FITNESS, "410200");
        String n = chinese(SEQUENCE.incrementAndGet());
        MerchantApplication chinese = new MerchantApplication("开封放心健身" + n + "号店", a.creditCode(), a.sector(),
                a.regionCode(), List.of(new StoreApplication("放心健身" + n + "号店", "开封市鼓楼区中山路" + n + "号",
                        a.stores().get(0).leaseEndsOn())),
                new SettlementAccount("开封放心健身" + n + "号店", "开封银行", a.settlementAccount().accountNumber()),
                a.flags(), a.ownerUsername(), a.ownerPassword(), "店长", a.contactMobile());
        TestMerchants.Created pending = testMerchants.pendingMerchant(chinese);
        MerchantView approved = merchants.approve(testMerchants.operator(), pending.id());
        return new TestMerchants.Created(approved, pending.owner(), pending.password());
    }

    ProductView sessionPack(TestMerchants.Created gym, String name, long yuan, int sessions) {
        ContractTerms terms = new ContractTerms(7, RefundMethod.PRO_RATA_SESSIONS, 0, true, "闭店时按剩余价值全额退款",
                "协商不成的，向消费者协会申请调解", null);
        return products.create(gym.ownerActor(), new ProductDraft(name + chinese(SEQUENCE.incrementAndGet()), "一对一私教课程",
                ProductKind.SESSION_PACK, Money.yuan(yuan), null, null, sessions, Term.months(3),
                List.of(gym.merchant().stores().get(0).id()), terms));
    }

    /** 123 → 一二三: names without Latin letters or digits, so a page's text check sees only its own words. */
    static String chinese(long n) {
        StringBuilder text = new StringBuilder();
        for (char c : Long.toString(n).toCharArray()) {
            text.append(DIGITS[c - '0']);
        }
        return text.toString();
    }

}
