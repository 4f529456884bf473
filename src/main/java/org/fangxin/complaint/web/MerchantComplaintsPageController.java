package org.fangxin.complaint.web;

import java.util.UUID;
import org.fangxin.complaint.ComplaintReports;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Merchants;
import org.fangxin.shared.Rejection;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A merchant's public complaint figures (counts by outcome and the upheld rate, never contents), open to anyone, with
 * the way for a logged-in consumer to complain about the merchant — the "merchant page" way into intake, linked from
 * the public catalogue and the contract.
 */
@Controller
class MerchantComplaintsPageController {

    private final ComplaintReports reports;
    private final Merchants merchants;

    MerchantComplaintsPageController(ComplaintReports reports, Merchants merchants) {
        this.reports = reports;
        this.merchants = merchants;
    }

    @GetMapping("/public/merchants/{merchantId}/complaints")
    String statistics(@PathVariable UUID merchantId, Model model) {
        MerchantView merchant = merchants.find(merchantId).orElseThrow(() -> Rejection.notFound("merchant " + merchantId));
        model.addAttribute("merchant", merchant);
        model.addAttribute("s", reports.statistics(merchantId));
        return "complaint/merchant";
    }
}
