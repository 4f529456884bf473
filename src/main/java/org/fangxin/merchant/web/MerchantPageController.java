package org.fangxin.merchant.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.identity.Users;
import org.fangxin.merchant.ComplianceFlags;
import org.fangxin.merchant.MerchantStatus;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.merchant.StoreApplication;
import org.fangxin.merchant.domain.ApplicationRules;
import org.fangxin.merchant.domain.CreditCode;
import org.fangxin.merchant.domain.StatusTransition;
import org.fangxin.merchant.persistence.MerchantRepository;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.context.MessageSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Pages: the public application form, the operator's approval queue, the merchant list and a merchant's page. */
@Controller
class MerchantPageController {

    private static final int QUEUE_SIZE = 50;
    private static final int LIST_SIZE = 30;

    private final Merchants merchants;
    private final MerchantRepository repository;
    private final MessageSource messages;

    MerchantPageController(Merchants merchants, MerchantRepository repository, MessageSource messages) {
        this.merchants = merchants;
        this.repository = repository;
        this.messages = messages;
    }

    @ModelAttribute("sectors")
    Sector[] sectors() {
        return Sector.values();
    }

    @GetMapping("/signup/merchant")
    String signupForm(Model model) {
        model.addAttribute("form", new ApplicationForm());
        model.addAttribute("errors", Map.of());
        return "merchant/signup";
    }

    @PostMapping("/signup/merchant")
    String signup(@ModelAttribute("form") ApplicationForm form, Model model, Locale locale, RedirectAttributes redirect) {
        try {
            MerchantView merchant = merchants.apply(form.toApplication());
            redirect.addFlashAttribute("merchant", merchant);
            redirect.addFlashAttribute("ownerUsername", form.getOwnerUsername().strip().toLowerCase(Locale.ROOT));
            return "redirect:/signup/merchant/submitted";
        } catch (Rejection rejection) {
            form.setOwnerPassword(null);
            model.addAttribute("errors", formErrors(rejection, form, locale));
            return "merchant/signup";
        } catch (DataIntegrityViolationException raced) {
            // Another application took the same credit code or username between our check and our insert.
            form.setOwnerPassword(null);
            model.addAttribute("errors", Map.of("form", text("merchant.error.conflict",
                    "the credit code or username was just registered by someone else", locale)));
            return "merchant/signup";
        }
    }

    @GetMapping("/signup/merchant/submitted")
    String submitted(Model model) {
        return model.containsAttribute("merchant") ? "merchant/submitted" : "redirect:/signup/merchant";
    }

    /** htmx live check of the credit code while the applicant types. */
    @GetMapping("/signup/merchant/credit-code")
    String checkCreditCode(@RequestParam(defaultValue = "") String creditCode, Model model, Locale locale) {
        String code = CreditCode.normalize(creditCode);
        String message;
        boolean ok = false;
        if (code.length() > CreditCode.LENGTH * 2) {
            message = text("merchant.error.creditCode.length", "18 characters", locale);
        } else {
            var problem = CreditCode.problem(code);
            if (problem.isPresent()) {
                var field = ApplicationRules.creditCodeProblem(problem.get());
                message = text(field.messageKey(), field.message(), locale);
            } else if (repository.creditCodeTaken(code)) {
                message = text("merchant.error.creditCode.taken", "already registered", locale);
            } else {
                message = text("merchant.creditCode.valid", "valid", locale);
                ok = true;
            }
        }
        model.addAttribute("creditCodeOk", ok);
        model.addAttribute("creditCodeMessage", message);
        return "merchant/signup :: creditCodeCheck";
    }

    @GetMapping("/merchants/queue")
    String queue(Actor actor, Model model) {
        if (!actor.is(Role.OPERATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only operators decide on applications");
        }
        model.addAttribute("page", merchants.list(actor, MerchantStatus.PENDING, 0, QUEUE_SIZE));
        model.addAttribute("zone", MerchantRepository.ZONE);
        return "merchant/queue";
    }

    @GetMapping("/merchants")
    String list(Actor actor, @RequestParam(required = false) MerchantStatus status,
                @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("page", merchants.list(actor, status, page, LIST_SIZE));
        model.addAttribute("status", status);
        model.addAttribute("statuses", MerchantStatus.values());
        model.addAttribute("zone", MerchantRepository.ZONE);
        return "merchant/list";
    }

    @GetMapping("/merchants/mine")
    String mine(Actor actor) {
        MerchantView merchant = merchants.mine(actor).orElseThrow(() -> Rejection.notFound("merchant"));
        return "redirect:/merchants/" + merchant.id();
    }

    @GetMapping("/merchants/{id}")
    String detail(Actor actor, @PathVariable UUID id, Model model, Locale locale) {
        MerchantView merchant = merchants.view(actor, id);
        model.addAttribute("merchant", merchant);
        model.addAttribute("mayNotSell", merchant.reasonItMayNotSell().map(reason -> whyNotSelling(merchant, reason, locale)).orElse(null));
        model.addAttribute("zone", MerchantRepository.ZONE);
        model.addAttribute("history", canReadHistory(actor) ? merchants.history(actor, id) : List.of());
        model.addAttribute("actions", actor.is(Role.OPERATOR) ? StatusTransition.availableFrom(merchant.status()) : List.of());
        model.addAttribute("canFlag", actor.is(Role.OPERATOR, Role.REGULATOR));
        model.addAttribute("isOwner", actor.is(Role.MERCHANT_OWNER) && actor.worksFor(id));
        model.addAttribute("canAddStore", actor.is(Role.MERCHANT_OWNER) && actor.worksFor(id)
                && !StatusTransition.isFinal(merchant.status()));
        return "merchant/detail";
    }

    @PostMapping("/merchants/{id}/actions/{action}")
    String act(Actor actor, @PathVariable UUID id, @PathVariable String action,
               @RequestParam(required = false) String reason, @RequestParam(defaultValue = "detail") String back,
               RedirectAttributes redirect, Locale locale) {
        try {
            MerchantView after = switch (action) {
                case "approve" -> merchants.approve(actor, id);
                case "reject" -> merchants.reject(actor, id, reason);
                case "suspend" -> merchants.suspend(actor, id, reason);
                case "reinstate" -> merchants.reinstate(actor, id, reason);
                case "closing" -> merchants.markClosing(actor, id, reason);
                case "close" -> merchants.close(actor, id, reason);
                default -> throw Rejection.notFound("action");
            };
            redirect.addFlashAttribute("notice", text("merchant.notice.status",
                    after.legalName() + ": " + after.status(), locale, after.legalName(),
                    text("merchant.status." + after.status(), after.status().name(), locale)));
        } catch (Rejection rejection) {
            redirect.addFlashAttribute("failure", explain(rejection, locale));
        }
        return "queue".equals(back) ? "redirect:/merchants/queue" : "redirect:/merchants/" + id;
    }

    @PostMapping("/merchants/{id}/flags")
    String flags(Actor actor, @PathVariable UUID id, @RequestParam(defaultValue = "false") boolean dishonestDebtor,
                 @RequestParam(defaultValue = "false") boolean abnormalOperation,
                 @RequestParam(defaultValue = "false") boolean deregistering,
                 @RequestParam(required = false) String reason, RedirectAttributes redirect, Locale locale) {
        try {
            merchants.changeComplianceFlags(actor, id, new ComplianceFlags(dishonestDebtor, abnormalOperation, deregistering), reason);
            redirect.addFlashAttribute("notice", text("merchant.notice.flags", "flags saved", locale));
        } catch (Rejection rejection) {
            redirect.addFlashAttribute("failure", explain(rejection, locale));
        }
        return "redirect:/merchants/" + id;
    }

    @PostMapping("/merchants/{id}/stores")
    String addStore(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String name,
                    @RequestParam(required = false) String address, @RequestParam(required = false) String leaseEndsOn,
                    RedirectAttributes redirect, Locale locale) {
        try {
            merchants.addStore(actor, id, new StoreApplication(name, address, ApplicationForm.date(leaseEndsOn)));
            redirect.addFlashAttribute("notice", text("merchant.notice.storeAdded", "store added", locale));
        } catch (Rejection rejection) {
            redirect.addFlashAttribute("failure", explain(rejection, locale));
        }
        return "redirect:/merchants/" + id;
    }

    @PostMapping("/merchants/{id}/stores/{storeId}/lease")
    String changeLease(Actor actor, @PathVariable UUID id, @PathVariable UUID storeId,
                       @RequestParam(required = false) String leaseEndsOn, RedirectAttributes redirect, Locale locale) {
        try {
            merchants.changeLease(actor, id, storeId, ApplicationForm.date(leaseEndsOn));
            redirect.addFlashAttribute("notice", text("merchant.notice.leaseChanged", "lease saved", locale));
        } catch (Rejection rejection) {
            redirect.addFlashAttribute("failure", explain(rejection, locale));
        }
        return "redirect:/merchants/" + id;
    }

    /** The view's reason in the reader's language: the status when not active, otherwise the first flag. */
    private String whyNotSelling(MerchantView merchant, String reason, Locale locale) {
        String key;
        if (merchant.status() != MerchantStatus.ACTIVE) {
            key = "merchant.status." + merchant.status();
        } else if (merchant.flags().dishonestDebtor()) {
            key = "merchant.detail.flag.dishonestDebtor";
        } else if (merchant.flags().abnormalOperation()) {
            key = "merchant.detail.flag.abnormalOperation";
        } else {
            key = "merchant.detail.flag.deregistering";
        }
        return text("merchant.detail.mayNotSell", reason, locale, text(key, reason, locale));
    }

    private static boolean canReadHistory(Actor actor) {
        return !actor.is(Role.BANK, Role.INSURER, Role.CONSUMER);
    }

    /** The rejection's problems keyed by form field, in the reader's language. */
    @SuppressWarnings("unchecked")
    private Map<String, String> formErrors(Rejection rejection, ApplicationForm form, Locale locale) {
        Map<String, String> errors = new LinkedHashMap<>();
        Object listed = rejection.properties().get("errors");
        if (listed instanceof List<?> list) {
            for (Object item : list) {
                Map<String, Object> error = (Map<String, Object>) item;
                errors.putIfAbsent(formField((String) error.get("field"), form),
                        text((String) error.get("messageKey"), (String) error.get("message"), locale));
            }
            return errors;
        }
        Object field = rejection.properties().get("field");
        String key = rejection.type().equals(Merchants.CREDIT_CODE_TAKEN) ? "merchant.error.creditCode.taken"
                : rejection.type().equals(Users.USERNAME_TAKEN) ? "merchant.error.ownerUsername.taken" : null;
        String message = key == null ? rejection.getLocalizedMessage() : text(key, rejection.getLocalizedMessage(), locale);
        errors.put(field == null ? "form" : formField(field.toString(), form), message);
        return errors;
    }

    /** Maps the application's field path to the form's: settlement account fields are flat, store rows keep their row. */
    private static String formField(String field, ApplicationForm form) {
        if (field.startsWith("settlementAccount.")) {
            return field.substring("settlementAccount.".length());
        }
        if (field.startsWith("stores[")) {
            int close = field.indexOf(']');
            int index = Integer.parseInt(field.substring("stores[".length(), close));
            List<Integer> rows = form.filledRows();
            int row = index < rows.size() ? rows.get(index) : index;
            return "stores[" + row + field.substring(close);
        }
        return field;
    }

    private String explain(Rejection rejection, Locale locale) {
        Object listed = rejection.properties().get("errors");
        if (listed instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> first) {
            return text(String.valueOf(first.get("messageKey")), String.valueOf(first.get("message")), locale);
        }
        if ("reason".equals(rejection.properties().get("field"))) {
            return text("merchant.error.reason", rejection.getLocalizedMessage(), locale);
        }
        return rejection.getLocalizedMessage();
    }

    private String text(String key, String fallback, Locale locale, Object... args) {
        return messages.getMessage(key, args, fallback, locale);
    }
}
