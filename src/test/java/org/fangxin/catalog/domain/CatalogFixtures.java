package org.fangxin.catalog.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.fangxin.catalog.ContractTerms;
import org.fangxin.catalog.ProductDraft;
import org.fangxin.catalog.ProductKind;
import org.fangxin.catalog.RefundMethod;
import org.fangxin.catalog.Term;
import org.fangxin.merchant.ComplianceFlags;
import org.fangxin.merchant.MerchantStatus;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Sector;
import org.fangxin.merchant.StoreView;
import org.fangxin.shared.Money;

/** Merchants and drafts that read like the domain: a Shanghai gym with one store whose lease ends in 2027. */
final class CatalogFixtures {

    static final LocalDate TODAY = LocalDate.of(2026, 3, 2);
    static final UUID STORE = UUID.fromString("01900000-0000-7000-8000-00000000a001");
    static final UUID SHORT_LEASE_STORE = UUID.fromString("01900000-0000-7000-8000-00000000a002");

    private CatalogFixtures() {
    }

    static MerchantView gym(Sector sector, String region) {
        return new MerchantView(UUID.randomUUID(), "上海强身健身有限公司", "91310000MA1FL0XXXX", sector, region,
                MerchantStatus.ACTIVE, ComplianceFlags.CLEAR,
                List.of(new StoreView(STORE, "徐汇店", "上海市徐汇区漕溪北路1号", LocalDate.of(2027, 12, 31)),
                        new StoreView(SHORT_LEASE_STORE, "静安店", "上海市静安区南京西路2号", LocalDate.of(2026, 6, 30))),
                ZoneId.of("Asia/Shanghai"), Instant.parse("2026-01-01T00:00:00Z"));
    }

    static ContractTerms fairTerms(RefundMethod method) {
        return new ContractTerms(7, method, 0, true, "闭店时按剩余价值全额退款或转至承接商户", "协商; 不成向消费者协会申请调解或向法院起诉", null);
    }

    static ProductDraft sessionPack(long yuan, int sessions, Term validity) {
        return new ProductDraft("60次私教课", "私人教练一对一课程", ProductKind.SESSION_PACK, Money.yuan(yuan), null, null,
                sessions, validity, List.of(STORE), fairTerms(RefundMethod.PRO_RATA_SESSIONS));
    }

    static ProductDraft periodPass(long yuan, Term period) {
        return new ProductDraft("月卡", "健身房月卡", ProductKind.PERIOD_PASS, Money.yuan(yuan), null, null, null, period,
                List.of(STORE), fairTerms(RefundMethod.PRO_RATA_DAYS));
    }

    static ProductDraft storedValue(long priceYuan, long faceYuan) {
        return new ProductDraft("储值卡", null, ProductKind.STORED_VALUE, Money.yuan(priceYuan), null, Money.yuan(faceYuan),
                null, Term.months(12), List.of(STORE), fairTerms(RefundMethod.PRO_RATA_VALUE));
    }

    static ProductDraft withExtraTerms(ProductDraft draft, String extra) {
        var t = draft.terms();
        return draft.withTerms(new ContractTerms(t.coolingOffDays(), t.refundMethod(), t.refundFeeBp(), t.transferable(),
                t.closureTerms(), t.disputeResolution(), extra));
    }
}
