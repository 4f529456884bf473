package org.fangxin.rules.web;

import jakarta.validation.Valid;
import java.util.List;
import org.fangxin.identity.Actor;
import org.fangxin.rules.RegionCodes;
import org.fangxin.rules.RuleChange;
import org.fangxin.rules.RuleRow;
import org.fangxin.rules.RuleSet;
import org.fangxin.rules.Rules;
import org.fangxin.shared.Rejection;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The rule table over HTTP: everyone logged in reads; operators add versions with PUT. {@code *} = national / all. */
@RestController
class RulesApiController {

    private final Rules rules;

    RulesApiController(Rules rules) {
        this.rules = rules;
    }

    @GetMapping("/api/v1/rules")
    List<RuleRow> table(Actor actor) {
        return rules.table(actor);
    }

    @GetMapping("/api/v1/rules/effective")
    RuleSet effective(Actor actor, @RequestParam String regionCode, @RequestParam String sector) {
        if (!RegionCodes.isValid(regionCode)) {
            throw Rejection.invalid("regionCode", "region must be * or a 6-digit region code");
        }
        return rules.effectiveRules(regionCode, sector);
    }

    @GetMapping("/api/v1/rules/{regionCode}/{sector}")
    List<RuleRow> history(Actor actor, @PathVariable String regionCode, @PathVariable String sector) {
        return rules.history(actor, regionCode, sector);
    }

    @PutMapping("/api/v1/rules/{regionCode}/{sector}")
    RuleRow change(Actor actor, @PathVariable String regionCode, @PathVariable String sector,
                   @Valid @RequestBody RuleChange change) {
        return rules.change(actor, regionCode, sector, change);
    }
}
