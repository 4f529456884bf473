package org.fangxin.card.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import org.springframework.context.MessageSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.card.BuyCard;
import org.fangxin.card.CardView;
import org.fangxin.card.PurchaseView;
import org.fangxin.card.RedemptionRequestView;
import org.fangxin.card.lifecycle.CardRegistry;
import org.fangxin.card.lifecycle.PurchaseDesk;
import org.fangxin.card.lifecycle.RedemptionDesk;
import org.fangxin.card.persistence.CardRow;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.shared.Money;
import org.fangxin.shared.MoneyFormat;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Pages (mobile first): buy a product, my cards and a card's detail with the one-time code (htmx), the staff redeem
 * screen with today's redemptions, and the operator's purchase list. Commands go through the same desks as the API.
 */
@Controller
class CardPageController {

    /** The page asks for a new code this long before the shown one expires, so the holder never shows a dead code. */
    static final long RENEW_BEFORE_EXPIRY_SECONDS = 10;

    private final CardRegistry cards;
    private final PurchaseDesk purchases;
    private final RedemptionDesk redemptions;
    private final Clock clock;
    private final MessageSource messages;

    CardPageController(CardRegistry cards, PurchaseDesk purchases, RedemptionDesk redemptions,
                       Clock clock, MessageSource messages) {
        this.cards = cards;
        this.purchases = purchases;
        this.redemptions = redemptions;
        this.clock = clock;
        this.messages = messages;
    }

    /** The product's page (storefront) is where a consumer reads the contract and the protection, then buys. */
    @GetMapping("/cards/buy/{productId}")
    String buyPage(@PathVariable UUID productId) {
        return "redirect:/public/products/" + productId;
    }

    /**
     * Buys in the API's two steps: the order commits, then it is placed at the provider with no transaction open. The
     * sandbox checkout returns to the purchase's result page, which waits for the card (pending → done); when the
     * provider cannot be reached the consumer lands on that page at once, and it places the order when opened again.
     */
    @PostMapping("/cards/buy/{productId}")
    String buy(Actor actor, @PathVariable UUID productId, @RequestParam UUID storeId, @RequestParam UUID contractVersionId,
               @RequestParam(defaultValue = "false") boolean accept, RedirectAttributes redirect) {
        PurchaseView purchase;
        try {
            purchase = purchases.order(actor, new BuyCard(productId, storeId, contractVersionId, accept));
        } catch (Rejection rejection) {
            redirect.addFlashAttribute("error", rejection.getLocalizedMessage());
            return "redirect:/public/products/" + productId;
        }
        String back = "/cards/purchases/" + purchase.id();
        PurchaseView placed = placed(purchase);
        if (placed.checkoutUrl() == null) {
            return "redirect:" + back;
        }
        return "redirect:" + placed.checkoutUrl() + (placed.checkoutUrl().contains("?") ? "&" : "?") + "return="
                + URLEncoder.encode(back, StandardCharsets.UTF_8);
    }

    /** After paying: "confirming your payment" until the card is issued, then the card (the page polls itself). */
    @GetMapping("/cards/purchases/{id}")
    String purchaseResult(Actor actor, @PathVariable UUID id, Model model) {
        model.addAttribute("purchase", placed(purchases.view(actor, id)));
        return "card/purchase";
    }

    /** A pending purchase whose order never reached the provider (it was down) is placed again when its page opens. */
    private PurchaseView placed(PurchaseView purchase) {
        try {
            return purchases.checkout(purchase);
        } catch (Rejection stillDown) {
            return purchase; // the page waits without a pay link; the next visit tries again
        }
    }

    @GetMapping("/cards/purchases/{id}/state")
    String purchaseState(Actor actor, @PathVariable UUID id, Model model) {
        model.addAttribute("purchase", purchases.view(actor, id));
        return "card/purchase :: state";
    }

    @GetMapping("/cards")
    String myCards(Actor actor, Model model) {
        requireConsumer(actor);
        List<Line> lines = cards.ofHolder(actor.userId(), CardRegistry.LIST_SIZE_MAX, Line::new);
        model.addAttribute("cards", lines);
        Map<UUID, String> names = new HashMap<>();
        lines.forEach(line -> names.put(line.row().id(), line.row().productName()));
        model.addAttribute("pending", redemptions.pendingRequests(actor));
        model.addAttribute("productNames", names);
        return "card/list";
    }

    /** A card row with its view (unredeemed read from the ledger) for the pages. */
    record Line(CardRow row, CardView view) { }

    @GetMapping("/cards/{id}")
    String detail(Actor actor, @PathVariable UUID id, Model model) {
        CardRow row = cards.readable(actor, id);
        model.addAttribute("line", new Line(row, cards.view(row)));
        model.addAttribute("history", cards.history(actor, id, 100));
        model.addAttribute("redemptions", redemptions.ofCard(actor, id));
        model.addAttribute("holder", actor.is(Role.CONSUMER));
        model.addAttribute("insurerPaid", cards.insurerPaid(id));
        return "card/detail";
    }

    /** A fresh one-time code as a QR image with the digits as a fallback; the fragment renews itself before expiry. */
    @PostMapping("/cards/{id}/code")
    String code(Actor actor, @PathVariable UUID id, Model model, Locale locale) {
        try {
            var code = redemptions.issueCode(actor, id);
            model.addAttribute("code", code);
            model.addAttribute("qr", QrCodes.svg(code.token(), messages.getMessage("card.code.qrLabel", null, locale)));
            long secondsLeft = Math.max(0, Duration.between(clock.instant(), code.expiresAt()).toSeconds());
            model.addAttribute("secondsLeft", secondsLeft);
            model.addAttribute("renewAfter", Math.max(1, secondsLeft - RENEW_BEFORE_EXPIRY_SECONDS));
        } catch (Rejection rejection) {
            model.addAttribute("error", rejection.getLocalizedMessage());
        }
        return "card/fragments :: code";
    }

    @PostMapping("/cards/redemptions/{id}/dispute")
    String dispute(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String reason, Model model) {
        try {
            model.addAttribute("redemption", redemptions.dispute(actor, id, reason));
        } catch (Rejection rejection) {
            model.addAttribute("error", rejection.getLocalizedMessage());
        }
        return "card/fragments :: disputed";
    }

    /** The holder confirms: the redemption is made at once and shown on the card's page. */
    @PostMapping("/cards/redemption-requests/{id}/confirm")
    String confirmRequest(Actor actor, @PathVariable UUID id, RedirectAttributes redirect) {
        try {
            RedemptionRequestView answered = redemptions.answer(actor, id, true);
            redirect.addFlashAttribute("confirmed", true);
            return "redirect:/cards/" + answered.cardId();
        } catch (Rejection rejection) {
            redirect.addFlashAttribute("error", rejection.getLocalizedMessage());
            return "redirect:/cards";
        }
    }

    @PostMapping("/cards/redemption-requests/{id}/decline")
    String declineRequest(Actor actor, @PathVariable UUID id, RedirectAttributes redirect) {
        try {
            redemptions.answer(actor, id, false);
            redirect.addFlashAttribute("declined", true);
        } catch (Rejection rejection) {
            redirect.addFlashAttribute("error", rejection.getLocalizedMessage());
        }
        return "redirect:/cards";
    }

    @GetMapping("/cards/purchases")
    String purchaseList(Actor actor, Model model) {
        model.addAttribute("purchases", purchases.list(actor, CardRegistry.LIST_SIZE_MAX));
        return "card/purchases";
    }

    private static void requireConsumer(Actor actor) {
        if (!actor.is(Role.CONSUMER)) {
            throw new Rejection(ProblemType.FORBIDDEN, "this page is for consumers");
        }
    }
}
