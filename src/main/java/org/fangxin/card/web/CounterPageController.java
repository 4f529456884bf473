package org.fangxin.card.web;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.card.CardView;
import org.fangxin.card.Redeem;
import org.fangxin.card.RedemptionRequestView;
import org.fangxin.card.RedemptionView;
import org.fangxin.card.RequestRedemption;
import org.fangxin.card.lifecycle.CardRegistry;
import org.fangxin.card.lifecycle.CounterLookup;
import org.fangxin.card.lifecycle.RedemptionDesk;
import org.fangxin.card.persistence.CardRepository;
import org.fangxin.card.persistence.CardRow;
import org.fangxin.identity.Actor;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Merchants;
import org.fangxin.shared.Money;
import org.fangxin.shared.MoneyFormat;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The merchant counter (staff, desktop or phone): scan the holder's QR code with the camera (frames are posted and
 * decoded on the server) or a photo, or type the code; see the card, then confirm the redemption. Today's redemptions
 * and the state of a 安心付 confirmation request refresh by htmx polling.
 */
@Controller
class CounterPageController {

    private final CardRegistry cards;
    private final CardRepository repository;
    private final RedemptionDesk redemptions;
    private final CounterLookup lookup;
    private final Merchants merchants;
    private final MessageSource messages;

    CounterPageController(CardRegistry cards, CardRepository repository, RedemptionDesk redemptions, CounterLookup lookup,
                          Merchants merchants, MessageSource messages) {
        this.cards = cards;
        this.repository = repository;
        this.redemptions = redemptions;
        this.lookup = lookup;
        this.merchants = merchants;
        this.messages = messages;
    }

    @GetMapping("/cards/redeem")
    String counter(Actor actor, Model model) {
        requireStaff(actor);
        MerchantView merchant = merchants.find(actor.merchantId()).orElseThrow();
        model.addAttribute("stores", merchant.stores());
        today(actor, model);
        return "card/redeem";
    }

    /** Today's redemptions at the merchant (the counter polls this every few seconds). */
    @GetMapping("/cards/redeem/today")
    String todayFragment(Actor actor, Model model) {
        requireStaff(actor);
        today(actor, model);
        return "card/fragments :: today";
    }

    /** A camera frame or photo: 204 while no QR code is in sight, otherwise the card it names (or why not). */
    @PostMapping("/cards/redeem/scan")
    Object scan(Actor actor, @RequestParam("frame") MultipartFile frame, Model model) throws IOException {
        requireStaff(actor);
        if (frame.getSize() > QrCodes.FRAME_BYTES_MAX) {
            throw Rejection.invalid("frame", "the picture is larger than 8 MB");
        }
        Optional<String> text = QrCodes.decode(frame.getBytes());
        if (text.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
        }
        return found(actor, text.get(), model);
    }

    /** A typed code (6 digits or the token): the card it names, to confirm. */
    @PostMapping("/cards/redeem/lookup")
    String typed(Actor actor, @RequestParam String code, Model model) {
        requireStaff(actor);
        return found(actor, code, model);
    }

    private String found(Actor actor, String code, Model model) {
        try {
            CardView card = lookup.cardForCode(actor, code);
            model.addAttribute("card", card);
            model.addAttribute("productName", repository.find(card.id()).map(CardRow::productName).orElse(""));
            model.addAttribute("code", code.strip());
            model.addAttribute("stores", merchants.find(actor.merchantId()).orElseThrow().stores());
        } catch (Rejection rejection) {
            model.addAttribute("error", rejection.getLocalizedMessage());
        }
        return "card/fragments :: scanned";
    }

    @PostMapping("/cards/redeem")
    String redeem(Actor actor, @RequestParam String code, @RequestParam UUID storeId,
                  @RequestParam(required = false) Integer sessions, @RequestParam(required = false) String amountYuan,
                  Model model) {
        attempt(model, () -> {
            Money amount = MoneyFormat.parseOptionalYuan("amount", amountYuan);
            RedemptionView redemption = redemptions.redeem(actor, new Redeem(code, storeId, count(sessions, amount), amount));
            model.addAttribute("redemption", redemption);
            model.addAttribute("card", cards.find(redemption.cardId()).orElseThrow());
        });
        return "card/fragments :: redeemed";
    }

    /** 安心付: staff ask the holder to confirm a redemption of this card in the app. */
    @PostMapping("/cards/redemption-requests")
    String requestRedemption(Actor actor, @RequestParam UUID cardId, @RequestParam UUID storeId,
                             @RequestParam(required = false) Integer sessions, @RequestParam(required = false) String amountYuan,
                             Model model) {
        attempt(model, () -> {
            Money amount = MoneyFormat.parseOptionalYuan("amount", amountYuan);
            model.addAttribute("request", redemptions.request(actor,
                    new RequestRedemption(cardId, storeId, count(sessions, amount), amount)));
        });
        return "card/fragments :: requested";
    }

    /** Sessions to redeem: none when an amount is given, else the typed count (one by default). */
    private static Integer count(Integer sessions, Money amount) {
        return amount == null ? (sessions == null ? Integer.valueOf(1) : sessions) : null;
    }

    /** Runs a counter action; a refusal or an unreadable amount is shown on the page instead of the result. */
    private void attempt(Model model, Runnable action) {
        try {
            action.run();
        } catch (Rejection rejection) {
            model.addAttribute("error", rejection.getLocalizedMessage());
        } catch (NumberFormatException | ArithmeticException e) {
            model.addAttribute("error", message("card.amount.invalid"));
        }
    }

    /** The request's state now (the counter polls it until the holder answers or it expires). */
    @GetMapping("/cards/redemption-requests/{id}/state")
    String requestState(Actor actor, @PathVariable UUID id, Model model) {
        RedemptionRequestView request = lookup.request(actor, id);
        model.addAttribute("request", request);
        return "card/fragments :: requested";
    }

    private void today(Actor actor, Model model) {
        List<RedemptionView> today = redemptions.ofDay(actor, null);
        Map<UUID, String> names = new HashMap<>();
        today.forEach(r -> names.computeIfAbsent(r.cardId(), id -> repository.find(id).map(CardRow::productName).orElse("")));
        model.addAttribute("today", today);
        model.addAttribute("productNames", names);
    }

    private String message(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }

    private static void requireStaff(Actor actor) {
        if (!actor.role().isMerchantSide()) {
            throw new Rejection(ProblemType.FORBIDDEN, "this page is for merchant staff");
        }
    }
}
