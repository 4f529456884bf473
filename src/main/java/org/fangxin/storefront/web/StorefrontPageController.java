package org.fangxin.storefront.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.shared.Money;
import org.fangxin.shared.Rejection;
import org.fangxin.shared.time.DisplayTime;
import org.fangxin.storefront.Storefront;
import org.fangxin.storefront.Storefront.ProductPageView;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The consumer's H5: the home (products as cards; staff land on their menu instead), a product's page with the contract,
 * the protection and the rational-consumption prompts, the confirmation step above {@code fangxin.storefront.confirm-above-yuan},
 * and the card page's protection box (an htmx fragment). Buying itself posts to the card module's {@code /cards/buy/{id}}.
 */
@Controller
class StorefrontPageController {

    private final Storefront storefront;
    private final Clock clock;
    private final DisplayTime times;
    private final Money confirmAbove;

    StorefrontPageController(Storefront storefront, Clock clock, DisplayTime times,
                             @Value("${fangxin.storefront.confirm-above-yuan:1000}") long confirmAboveYuan) {
        this.storefront = storefront;
        this.clock = clock;
        this.times = times;
        this.confirmAbove = Money.yuan(confirmAboveYuan);
    }

    @GetMapping("/")
    String home(@Nullable Actor actor, Model model) {
        if (actor != null && !actor.is(Role.CONSUMER)) {
            return "redirect:/home";
        }
        model.addAttribute("cards", storefront.home());
        model.addAttribute("signedIn", actor != null);
        return "storefront/home";
    }

    @GetMapping("/public/products/{id}")
    String product(@Nullable Actor actor, @PathVariable UUID id, Model model) {
        ProductPageView page = storefront.product(id);
        model.addAttribute("p", page);
        model.addAttribute("visitor", actor == null);
        model.addAttribute("consumer", actor != null && actor.is(Role.CONSUMER));
        model.addAttribute("needsConfirmation", page.product().price().compareTo(confirmAbove) > 0);
        model.addAttribute("confirmAbove", confirmAbove);
        prompts(page, model);
        return "storefront/product";
    }

    /** Rational consumption: above the configured amount, one more page repeats what is bought before paying. */
    @PostMapping("/products/{id}/confirm")
    String confirm(Actor actor, @PathVariable UUID id, @RequestParam UUID storeId, @RequestParam UUID contractVersionId,
                   @RequestParam(defaultValue = "false") boolean accept, Model model) {
        ProductPageView page = storefront.product(id);
        if (!actor.is(Role.CONSUMER)) {
            throw Rejection.notFound("product " + id);
        }
        model.addAttribute("p", page);
        model.addAttribute("store", page.stores().stream().filter(s -> s.id().equals(storeId)).findFirst()
                .orElseThrow(() -> Rejection.invalid("storeId", "choose one of the product's stores")));
        model.addAttribute("contractVersionId", contractVersionId);
        model.addAttribute("accept", accept);
        prompts(page, model);
        return "storefront/confirm";
    }

    /** The rational-consumption prompts: the cooling-off deadline if bought today, the refund fee in per cent. */
    private void prompts(ProductPageView page, Model model) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), times.zone());
        var terms = page.contract().content().terms();
        model.addAttribute("coolingOffUntil", today.plusDays(terms.coolingOffDays()));
        int feeBp = terms.refundFeeBp();
        model.addAttribute("refundFeePercent", feeBp % 100 == 0 ? Integer.toString(feeBp / 100)
                : new java.math.BigDecimal(feeBp).movePointLeft(2).stripTrailingZeros().toPlainString());
    }

    @GetMapping("/storefront/cards/{id}/protection")
    String cardProtection(Actor actor, @PathVariable UUID id, Model model) {
        model.addAttribute("cover", storefront.cardProtection(actor, id));
        return "storefront/fragments :: card-protection";
    }
}
