package org.fangxin.card.web;

import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.card.BuyCard;
import org.fangxin.card.CardView;
import org.fangxin.card.PurchaseView;
import org.fangxin.card.Redeem;
import org.fangxin.card.RedemptionRequestView;
import org.fangxin.card.RedemptionView;
import org.fangxin.card.RequestRedemption;
import org.fangxin.card.lifecycle.CardRegistry;
import org.fangxin.card.lifecycle.PurchaseDesk;
import org.fangxin.card.lifecycle.RedemptionDesk;
import org.fangxin.card.persistence.CardRepository;
import org.fangxin.card.persistence.CardRow;
import org.fangxin.catalog.ProductStatus;
import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.Products;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Merchants;
import org.fangxin.rules.Rules;
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

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(Rules.ZONE);
    static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(Rules.ZONE);

    private final CardRegistry cards;
    private final CardRepository repository;
    private final PurchaseDesk purchases;
    private final RedemptionDesk redemptions;
    private final Products products;
    private final Merchants merchants;

    CardPageController(CardRegistry cards, CardRepository repository, PurchaseDesk purchases, RedemptionDesk redemptions,
                       Products products, Merchants merchants) {
        this.cards = cards;
        this.repository = repository;
        this.purchases = purchases;
        this.redemptions = redemptions;
        this.products = products;
        this.merchants = merchants;
    }

    @GetMapping("/cards/buy/{productId}")
    String buyPage(Actor actor, @PathVariable UUID productId, Model model) {
        return buyPage(actor, productId, model, null);
    }

    @PostMapping("/cards/buy/{productId}")
    String buy(Actor actor, @PathVariable UUID productId, @RequestParam UUID storeId, @RequestParam UUID contractVersionId,
               @RequestParam(defaultValue = "false") boolean accept, Model model) {
        try {
            PurchaseView purchase = purchases.purchase(actor, new BuyCard(productId, storeId, contractVersionId, accept));
            return "redirect:" + purchase.checkoutUrl();
        } catch (Rejection rejection) {
            return buyPage(actor, productId, model, rejection.getLocalizedMessage());
        }
    }

    private String buyPage(Actor actor, UUID productId, Model model, String error) {
        requireConsumer(actor);
        ProductView product = products.find(productId).filter(p -> p.status() == ProductStatus.ACTIVE)
                .orElseThrow(() -> Rejection.notFound("product " + productId));
        MerchantView merchant = merchants.find(product.merchantId()).orElseThrow();
        model.addAttribute("product", product);
        model.addAttribute("merchant", merchant);
        model.addAttribute("version", products.findContractVersion(product.currentVersionId()).orElseThrow());
        model.addAttribute("stores", merchant.stores().stream().filter(s -> product.storeIds().contains(s.id())).toList());
        model.addAttribute("error", error);
        return "card/buy";
    }

    @GetMapping("/cards")
    String myCards(Actor actor, Model model) {
        requireConsumer(actor);
        List<CardRow> rows = repository.ofHolder(actor.userId(), CardRegistry.LIST_SIZE_MAX);
        model.addAttribute("cards", rows.stream().map(row -> new Line(row, cards.view(row))).toList());
        Map<UUID, String> names = new HashMap<>();
        rows.forEach(row -> names.put(row.id(), row.productName()));
        model.addAttribute("pending", redemptions.pendingRequests(actor));
        model.addAttribute("productNames", names);
        model.addAttribute("time", TIME);
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
        model.addAttribute("time", TIME);
        return "card/detail";
    }

    @PostMapping("/cards/{id}/code")
    String code(Actor actor, @PathVariable UUID id, Model model) {
        try {
            var code = redemptions.issueCode(actor, id);
            model.addAttribute("code", code);
            model.addAttribute("expiresAt", CLOCK.format(code.expiresAt()));
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

    @GetMapping("/cards/redeem")
    String redeemPage(Actor actor, Model model) {
        requireStaff(actor);
        MerchantView merchant = merchants.find(actor.merchantId()).orElseThrow();
        model.addAttribute("stores", merchant.stores());
        model.addAttribute("today", redemptions.ofDay(actor, null));
        model.addAttribute("productNames", productNames(redemptions.ofDay(actor, null)));
        model.addAttribute("time", TIME);
        return "card/redeem";
    }

    @PostMapping("/cards/redeem")
    String redeem(Actor actor, @RequestParam String code, @RequestParam UUID storeId,
                  @RequestParam(required = false) Integer sessions, @RequestParam(required = false) String amountYuan,
                  Model model) {
        try {
            Money amount = MoneyFormat.parseOptionalYuan("amount", amountYuan);
            Integer count = amount == null ? (sessions == null ? Integer.valueOf(1) : sessions) : null;
            RedemptionView redemption = redemptions.redeem(actor, new Redeem(code, storeId, count, amount));
            model.addAttribute("redemption", redemption);
            model.addAttribute("card", cards.find(redemption.cardId()).orElseThrow());
        } catch (Rejection rejection) {
            model.addAttribute("error", rejection.getLocalizedMessage());
        }
        return "card/fragments :: redeemed";
    }

    /** 安心付: staff ask the holder to confirm a redemption of this card in the app. */
    @PostMapping("/cards/redemption-requests")
    String requestRedemption(Actor actor, @RequestParam UUID cardId, @RequestParam UUID storeId,
                             @RequestParam(required = false) Integer sessions, @RequestParam(required = false) String amountYuan,
                             Model model) {
        try {
            Money amount = MoneyFormat.parseOptionalYuan("amount", amountYuan);
            Integer count = amount == null ? (sessions == null ? Integer.valueOf(1) : sessions) : null;
            RedemptionRequestView request = redemptions.request(actor, new RequestRedemption(cardId, storeId, count, amount));
            model.addAttribute("request", request);
            model.addAttribute("expiresAt", CLOCK.format(request.expiresAt()));
        } catch (Rejection rejection) {
            model.addAttribute("error", rejection.getLocalizedMessage());
        }
        return "card/fragments :: requested";
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
        model.addAttribute("time", TIME);
        return "card/purchases";
    }

    private Map<UUID, String> productNames(List<RedemptionView> list) {
        Map<UUID, String> names = new HashMap<>();
        list.forEach(r -> names.computeIfAbsent(r.cardId(), id -> repository.find(id).map(CardRow::productName).orElse("")));
        return names;
    }

    private static void requireConsumer(Actor actor) {
        if (!actor.is(Role.CONSUMER)) {
            throw new Rejection(ProblemType.FORBIDDEN, "this page is for consumers");
        }
    }

    private static void requireStaff(Actor actor) {
        if (!actor.role().isMerchantSide()) {
            throw new Rejection(ProblemType.FORBIDDEN, "this page is for merchant staff");
        }
    }
}
