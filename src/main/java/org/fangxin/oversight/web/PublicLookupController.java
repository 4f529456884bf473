package org.fangxin.oversight.web;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fangxin.oversight.PublicLookup;
import org.fangxin.oversight.PublicMerchantView;
import org.fangxin.protection.ClosureNoticeView;
import org.fangxin.shared.Rejection;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** The public merchant lookup and the public closures list: pages and API, no login. */
@Controller
class PublicLookupController {

    private final PublicLookup lookup;

    PublicLookupController(PublicLookup lookup) {
        this.lookup = lookup;
    }

    @GetMapping("/api/v1/public/merchants")
    @ResponseBody
    List<PublicMerchantView.Hit> search(@RequestParam String q, Locale locale) {
        return lookup.search(q, locale);
    }

    @GetMapping("/api/v1/public/merchants/{merchantId}")
    @ResponseBody
    PublicMerchantView merchant(@PathVariable UUID merchantId, Locale locale) {
        return lookup.merchant(merchantId, locale);
    }

    @GetMapping("/api/v1/public/closures")
    @ResponseBody
    List<ClosureNoticeView> closures() {
        return lookup.closures();
    }

    @GetMapping("/public/merchants")
    String searchPage(@RequestParam(required = false) String q, Locale locale, Model model) {
        model.addAttribute("q", q == null ? "" : q);
        if (q != null && !q.isBlank()) {
            try {
                model.addAttribute("hits", lookup.search(q, locale));
            } catch (Rejection rejection) {
                model.addAttribute("error", rejection.getLocalizedMessage());
            }
        }
        return "oversight/public-search";
    }

    @GetMapping("/public/merchants/{merchantId}")
    String merchantPage(@PathVariable UUID merchantId, Locale locale, Model model) {
        PublicMerchantView merchant = lookup.merchant(merchantId, locale);
        model.addAttribute("m", merchant);
        model.addAttribute("openedOn", openedOn(merchant.closures()));
        return "oversight/public-merchant";
    }

    @GetMapping("/public/closures")
    String closuresPage(Model model) {
        List<ClosureNoticeView> notices = lookup.closures();
        model.addAttribute("notices", notices);
        model.addAttribute("openedOn", openedOn(notices));
        return "oversight/public-closures";
    }

    /** Each notice's publication day in Asia/Shanghai. */
    private static java.util.Map<UUID, String> openedOn(List<ClosureNoticeView> notices) {
        java.util.Map<UUID, String> days = new java.util.HashMap<>();
        notices.forEach(n -> days.put(n.caseId(), BalancePageController.SHANGHAI_DAY.format(n.openedAt())));
        return days;
    }
}
