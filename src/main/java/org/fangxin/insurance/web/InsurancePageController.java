package org.fangxin.insurance.web;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.insurance.ClaimFigures;
import org.fangxin.insurance.Claims;
import org.fangxin.insurance.CostSharing;
import org.fangxin.insurance.Insurers;
import org.fangxin.insurance.NewPolicy;
import org.fangxin.insurance.Policies;
import org.fangxin.insurance.PolicyScope;
import org.fangxin.insurance.PolicyView;
import org.fangxin.insurance.PremiumSettlements;
import org.fangxin.insurance.Premiums;
import org.fangxin.shared.Idempotency;
import org.fangxin.shared.Money;
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
 * Insurance pages: the insurer portal (its products, policies with premium billed and loss ratio, premium bills), the
 * operators' management page (insurers, members, policies, billing runs; regulators read it) and a bill's detail.
 */
@Controller
class InsurancePageController {

    static final int BILL_ROWS = 50;

    private final Insurers insurers;
    private final Policies policies;
    private final Premiums premiums;
    private final Users users;
    private final Idempotency idempotency;
    private final Claims claims;
    private final ClaimFigures figures;
    private final PremiumSettlements settlements;

    InsurancePageController(Insurers insurers, Policies policies, Premiums premiums, Users users, Idempotency idempotency,
                            Claims claims, ClaimFigures figures, PremiumSettlements settlements) {
        this.claims = claims;
        this.figures = figures;
        this.settlements = settlements;
        this.insurers = insurers;
        this.policies = policies;
        this.premiums = premiums;
        this.users = users;
        this.idempotency = idempotency;
    }

    @GetMapping("/insurance")
    String portal(Actor actor, Model model) {
        if (!actor.is(Role.INSURER)) {
            throw new Rejection(ProblemType.FORBIDDEN, "the insurer portal is for insurers");
        }
        model.addAttribute("insurer", insurers.list(actor).stream().findFirst().orElse(null));
        addLists(actor, model);
        return "insurance/portal";
    }

    @GetMapping("/insurance/admin")
    String admin(Actor actor, Model model) {
        if (!actor.is(Role.OPERATOR, Role.REGULATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "insurance management is for operators and regulators");
        }
        model.addAttribute("insurers", insurers.list(actor));
        model.addAttribute("operator", actor.is(Role.OPERATOR));
        model.addAttribute("today", policies.today());
        model.addAttribute("thisMonth", YearMonth.from(policies.today()));
        model.addAttribute("formKey", UUID.randomUUID().toString());
        addLists(actor, model);
        return "insurance/admin";
    }

    @GetMapping("/insurance/bills/{id}")
    String bill(Actor actor, @PathVariable UUID id, Model model) {
        model.addAttribute("bill", premiums.bill(actor, id));
        model.addAttribute("settlement", settlements.settlement(actor, id));
        model.addAttribute("operator", actor.is(Role.OPERATOR));
        model.addAttribute("formKey", UUID.randomUUID().toString());
        return "insurance/bill";
    }

    @PostMapping("/insurance/bills/{id}/collection")
    String collect(Actor actor, @PathVariable UUID id, @RequestParam String formKey, RedirectAttributes redirect) {
        return settle(actor, id, formKey, Map.of("action", "collect"), redirect, () -> settlements.collectDue(actor, id));
    }

    @PostMapping("/insurance/bills/{id}/subsidy-receipt")
    String subsidy(Actor actor, @PathVariable UUID id, @RequestParam(defaultValue = "") String reference,
                   @RequestParam String formKey, RedirectAttributes redirect) {
        return settle(actor, id, formKey, Map.of("action", "subsidy", "reference", reference), redirect,
                () -> settlements.receiveSubsidy(actor, id, reference));
    }

    @PostMapping("/insurance/bills/{id}/remittance")
    String remit(Actor actor, @PathVariable UUID id, @RequestParam(defaultValue = "") String reference,
                 @RequestParam String formKey, RedirectAttributes redirect) {
        return settle(actor, id, formKey, Map.of("action", "remit", "reference", reference), redirect,
                () -> settlements.remit(actor, id, reference));
    }

    private String settle(Actor actor, UUID billId, String formKey, Map<String, Object> request, RedirectAttributes redirect,
                          Supplier<Object> command) {
        if (!actor.is(Role.OPERATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "operators settle premium bills");
        }
        try {
            idempotency.execute(actor.scope(), "page:" + formKey, true, request, () -> Idempotency.Answer.of(200, command.get()));
            redirect.addFlashAttribute("done", true);
        } catch (Rejection rejection) {
            redirect.addFlashAttribute("error", rejection.getLocalizedMessage());
        }
        return "redirect:/insurance/bills/" + billId;
    }

    private void addLists(Actor actor, Model model) {
        model.addAttribute("products", insurers.products(actor));
        List<PolicyView> listed = policies.list(actor);
        model.addAttribute("policies", listed);
        java.util.Map<UUID, Money> remaining = new java.util.HashMap<>();
        listed.forEach(p -> remaining.put(p.id(), figures.aggregateRemaining(p.id(), policies.today())));
        model.addAttribute("remaining", remaining);
        model.addAttribute("bills", premiums.bills(actor, null, BILL_ROWS));
        model.addAttribute("billed", premiums.premiumBilled(actor));
        model.addAttribute("ratios", figures.lossRatios(actor));
        model.addAttribute("claims", claims.list(actor, null, ClaimPageController.CLAIM_ROWS));
    }

    @PostMapping("/insurance/admin/insurers")
    String createInsurer(Actor actor, @RequestParam String name, @RequestParam String licenceNo, RedirectAttributes redirect) {
        return act(actor, redirect, () -> insurers.create(actor, name, licenceNo));
    }

    @PostMapping("/insurance/admin/members")
    String link(Actor actor, @RequestParam UUID insurerId, @RequestParam String username, RedirectAttributes redirect) {
        return act(actor, redirect, () -> {
            UserAccount user = users.findByUsername(username).orElseThrow(() -> Rejection.invalid("username", "no such user"));
            return insurers.link(actor, insurerId, user.id());
        });
    }

    @PostMapping("/insurance/admin/policies")
    String issue(Actor actor, @RequestParam UUID productId, @RequestParam PolicyScope scope,
                 @RequestParam(defaultValue = "") String merchantIds, @RequestParam(defaultValue = "") String regionCode,
                 @RequestParam String policyholder, @RequestParam String startsOn, @RequestParam String endsOn,
                 @RequestParam int merchantBps, @RequestParam int platformBps, @RequestParam int governmentBps,
                 RedirectAttributes redirect) {
        return act(actor, redirect, () -> policies.issue(actor, new NewPolicy(productId, scope, ids(merchantIds),
                regionCode.isBlank() ? null : regionCode.trim(), policyholder, date("startsOn", startsOn),
                date("endsOn", endsOn), new CostSharing(merchantBps, platformBps, governmentBps))));
    }

    /** The form carries a one-time key; a rerun of a month bills nothing twice anyway. */
    @PostMapping("/insurance/admin/billing-runs")
    String billingRun(Actor actor, @RequestParam String period, @RequestParam String formKey, RedirectAttributes redirect) {
        return act(actor, redirect, () -> {
            YearMonth month;
            try {
                month = YearMonth.parse(period.trim());
            } catch (DateTimeParseException e) {
                throw Rejection.invalid("period", "the period is a month, yyyy-MM");
            }
            return idempotency.execute(actor.scope(), "page:" + formKey, true, Map.of("period", month.toString()),
                    () -> Idempotency.Answer.of(201, premiums.bill(actor, month))).body();
        });
    }

    private static String act(Actor actor, RedirectAttributes redirect, Supplier<Object> command) {
        if (!actor.is(Role.OPERATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only operators manage insurance");
        }
        try {
            command.get();
            redirect.addFlashAttribute("done", true);
        } catch (Rejection rejection) {
            redirect.addFlashAttribute("error", rejection.getLocalizedMessage());
        }
        return "redirect:/insurance/admin";
    }

    private static List<UUID> ids(String text) {
        List<UUID> ids = new ArrayList<>();
        for (String part : text.split("[\\s,;]+")) {
            if (!part.isBlank()) {
                try {
                    ids.add(UUID.fromString(part.trim()));
                } catch (IllegalArgumentException e) {
                    throw Rejection.invalid("merchantIds", "'" + part + "' is not a merchant id");
                }
            }
        }
        return ids;
    }

    private static LocalDate date(String field, String text) {
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw Rejection.invalid(field, "a date is yyyy-MM-dd");
        }
    }
}
