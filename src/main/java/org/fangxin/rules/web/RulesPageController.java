package org.fangxin.rules.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.List;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.rules.RuleChange;
import org.fangxin.rules.RuleRow;
import org.fangxin.rules.RuleValues;
import org.fangxin.rules.Rules;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/** The rule table page (everyone logged in reads it) and the operator's editor, which adds a new version per save. */
@Controller
class RulesPageController {

    private final Rules rules;
    private final Validator validator;

    RulesPageController(Rules rules, Validator validator) {
        this.rules = rules;
        this.validator = validator;
    }

    /** One row of the table as shown: the limits it sets, in words people read. */
    public record Line(RuleRow row, List<String> limits) { }

    @GetMapping("/rules")
    String table(Actor actor, Model model, @RequestParam(required = false) String saved) {
        model.addAttribute("lines", rules.table(actor).stream().map(row -> new Line(row, limits(row.values()))).toList());
        model.addAttribute("operator", actor.is(Role.OPERATOR));
        model.addAttribute("saved", saved);
        model.addAttribute("today", rules.today());
        return "rules/table";
    }

    @GetMapping("/rules/edit")
    String editor(Actor actor, @RequestParam(defaultValue = "*") String regionCode, @RequestParam(defaultValue = "*") String sector,
                  Model model) {
        requireOperator(actor);
        RuleRow latest = rules.table(actor).stream()
                .filter(row -> row.regionCode().equals(regionCode) && row.sector().equals(sector)).findFirst().orElse(null);
        return editor(model, RuleForm.of(regionCode, sector, latest), List.of());
    }

    @PostMapping("/rules/edit")
    String save(Actor actor, @ModelAttribute RuleForm form, Model model) {
        requireOperator(actor);
        try {
            RuleChange change = form.change();
            List<String> errors = new ArrayList<>();
            for (ConstraintViolation<RuleChange> violation : validator.validate(change)) {
                errors.add(violation.getPropertyPath() + ": " + violation.getMessage());
            }
            if (!errors.isEmpty()) {
                return editor(model, form, errors);
            }
            String region = form.regionCode() == null ? "" : form.regionCode().strip();
            String sector = form.sector() == null ? "" : form.sector().strip().toUpperCase();
            RuleRow row = rules.change(actor, region, sector, change);
            return "redirect:" + UriComponentsBuilder.fromPath("/rules").queryParam("saved", row.regionCode() + " × " + row.sector() + " v" + row.version())
                    .encode().build().toUriString();
        } catch (Rejection rejection) {
            return editor(model, form, List.of(rejection.getLocalizedMessage()));
        }
    }

    private String editor(Model model, RuleForm form, List<String> errors) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "rules/edit";
    }

    private static void requireOperator(Actor actor) {
        if (!actor.is(Role.OPERATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only platform operators edit the rule table");
        }
    }

    static List<String> limits(RuleValues v) {
        List<String> limits = new ArrayList<>();
        if (v.coolingOffDaysMin() != null) limits.add("coolingOffDaysMin|" + v.coolingOffDaysMin());
        if (v.purchaseAmountMaxMinor() != null) limits.add("purchaseAmountMax|" + RuleForm.money(v.purchaseAmountMaxMinor()));
        if (v.sessionPackAmountMaxMinor() != null) limits.add("sessionPackAmountMax|" + RuleForm.money(v.sessionPackAmountMaxMinor()));
        if (v.periodPassAmountMaxMinor() != null) limits.add("periodPassAmountMax|" + RuleForm.money(v.periodPassAmountMaxMinor()));
        if (v.storedValueMaxMinor() != null) limits.add("storedValueMax|" + RuleForm.money(v.storedValueMaxMinor()));
        if (v.consumerTotalMaxMinor() != null) limits.add("consumerTotalMax|" + RuleForm.money(v.consumerTotalMaxMinor()));
        if (v.termMonthsMax() != null) limits.add("termMonthsMax|" + v.termMonthsMax());
        if (v.periodPassTermMonthsMax() != null) limits.add("periodPassTermMonthsMax|" + v.periodPassTermMonthsMax());
        if (v.sessionsMax() != null) limits.add("sessionsMax|" + v.sessionsMax());
        if (v.supervisionRatioBp() != null) limits.add("supervisionRatio|" + percent(v.supervisionRatioBp()));
        if (v.realNameThresholdMinor() != null) limits.add("realNameThreshold|" + RuleForm.money(v.realNameThresholdMinor()));
        if (v.refundFeeCapBp() != null) limits.add("refundFeeCap|" + percent(v.refundFeeCapBp()));
        if (!v.requiredClauses().isEmpty()) limits.add("requiredClauses|" + String.join(", ", v.requiredClauses()));
        if (!v.bannedPhrases().isEmpty()) limits.add("bannedPhrases|" + String.join(", ", v.bannedPhrases()));
        return limits;
    }

    private static String percent(int basisPoints) {
        return java.math.BigDecimal.valueOf(basisPoints, 2).stripTrailingZeros().toPlainString() + "%";
    }
}
