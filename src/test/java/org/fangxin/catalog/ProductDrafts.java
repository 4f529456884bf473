package org.fangxin.catalog;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** JSON bodies of product drafts, as a client would send them. */
public final class ProductDrafts {

    private ProductDrafts() {
    }

    public static Map<String, Object> money(long yuan) {
        return Map.of("amountMinor", yuan * 100, "currency", "CNY");
    }

    public static Map<String, Object> terms(String refundMethod, String extraTerms) {
        Map<String, Object> terms = new HashMap<>();
        terms.put("coolingOffDays", 7);
        terms.put("refundMethod", refundMethod);
        terms.put("refundFeeBp", 0);
        terms.put("transferable", true);
        terms.put("closureTerms", "闭店时按剩余价值全额退款");
        terms.put("disputeResolution", "协商不成的, 向消费者协会申请调解或向法院起诉");
        terms.put("extraTerms", extraTerms);
        return terms;
    }

    public static Map<String, Object> monthlyPass(UUID storeId, long yuan, int months, String extraTerms) {
        Map<String, Object> draft = new HashMap<>();
        draft.put("name", "月卡 " + UUID.randomUUID().toString().substring(0, 8));
        draft.put("description", "健身房会籍");
        draft.put("kind", "PERIOD_PASS");
        draft.put("price", money(yuan));
        draft.put("term", Map.of("count", months, "unit", "MONTHS"));
        draft.put("storeIds", List.of(storeId.toString()));
        draft.put("terms", terms("PRO_RATA_DAYS", extraTerms));
        return draft;
    }

    public static Map<String, Object> sessionPack(UUID storeId, long yuan, int sessions, int months) {
        Map<String, Object> draft = monthlyPass(storeId, yuan, months, null);
        draft.put("name", sessions + "次课 " + UUID.randomUUID().toString().substring(0, 8));
        draft.put("kind", "SESSION_PACK");
        draft.put("sessions", sessions);
        draft.put("terms", terms("PRO_RATA_SESSIONS", null));
        return draft;
    }
}
