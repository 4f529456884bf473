package org.fangxin.risk.web;

import java.io.IOException;
import java.time.DayOfWeek;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.merchant.Sector;
import org.fangxin.risk.FeedImportView;
import org.fangxin.risk.RiskFeeds;
import org.fangxin.risk.RiskScores;
import org.fangxin.risk.RiskTables;
import org.fangxin.risk.RiskTier;
import org.fangxin.risk.domain.RatioFloor;
import org.fangxin.shared.Money;
import org.fangxin.shared.Rejection;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Operators' risk pages: feed upload, files and quarantine; the weight, consequence and floor tables (regulators read). */
@Controller
class RiskAdminPageController {

    private final RiskFeeds feeds;
    private final RiskTables tables;
    private final MessageSource messages;

    RiskAdminPageController(RiskFeeds feeds, RiskTables tables, MessageSource messages) {
        this.feeds = feeds;
        this.tables = tables;
        this.messages = messages;
    }

    @GetMapping("/risk/feeds")
    String feeds(Actor actor, Model model) {
        model.addAttribute("files", feeds.files(actor, 50));
        model.addAttribute("quarantine", feeds.quarantine(actor, true, 100));
        model.addAttribute("zone", RiskScores.ZONE);
        return "risk/feeds";
    }

    @PostMapping("/risk/feeds/upload")
    String upload(Actor actor, @RequestParam(required = false) String provider, @RequestParam("file") MultipartFile file,
                  RedirectAttributes redirect, Locale locale) throws IOException {
        try {
            String name = file.getOriginalFilename();
            FeedImportView imported = feeds.upload(actor, provider, name, RiskFeedApiController.format(file.getContentType(), name),
                    RiskFeedApiController.bounded(file.getInputStream()));
            redirect.addFlashAttribute("notice", imported.repeated()
                    ? messages.getMessage("risk.feeds.repeated", new Object[] {imported.fileName()}, locale)
                    : messages.getMessage("risk.feeds.imported", new Object[] {imported.fileName(), imported.records(),
                            imported.imported(), imported.unchanged(), imported.corrected(), imported.quarantined()}, locale));
        } catch (Rejection rejection) {
            redirect.addFlashAttribute("failure", rejection.getMessage());
        }
        return "redirect:/risk/feeds";
    }

    @PostMapping("/risk/quarantine/{id}/release")
    String release(Actor actor, @PathVariable UUID id, RedirectAttributes redirect, Locale locale) {
        return act(redirect, locale, "/risk/feeds", "risk.quarantine.released", () -> feeds.release(actor, id));
    }

    @PostMapping("/risk/quarantine/{id}/discard")
    String discard(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String reason,
                   RedirectAttributes redirect, Locale locale) {
        return act(redirect, locale, "/risk/feeds", "risk.quarantine.discarded", () -> feeds.discard(actor, id, reason));
    }

    @GetMapping("/risk/tables")
    String tables(Actor actor, @RequestParam(required = false) String sector, Model model) {
        model.addAttribute("sector", sector == null || sector.isBlank() ? "*" : sector);
        model.addAttribute("weights", tables.weights(actor, sector));
        model.addAttribute("consequences", tables.consequences(actor));
        model.addAttribute("floors", tables.floors(actor));
        model.addAttribute("sectors", Sector.values());
        model.addAttribute("tiers", RiskTier.values());
        model.addAttribute("conditions", RatioFloor.Condition.values());
        model.addAttribute("weekdays", new DayOfWeek[] {DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                DayOfWeek.THURSDAY, DayOfWeek.FRIDAY});
        model.addAttribute("operator", actor.is(Role.OPERATOR));
        return "risk/tables";
    }

    @PostMapping("/risk/tables/weights")
    String changeWeight(Actor actor, @RequestParam String sector, @RequestParam String factor,
                        @RequestParam(required = false) Integer weight, @RequestParam(required = false) Long okAt,
                        @RequestParam(required = false) Long badAt, @RequestParam(required = false) String reason,
                        RedirectAttributes redirect, Locale locale) {
        return act(redirect, locale, "/risk/tables?sector=" + sector, "risk.tables.saved",
                () -> tables.changeWeight(actor, sector, factor, new RiskTables.WeightChange(weight, okAt, badAt, reason)));
    }

    @PostMapping("/risk/tables/consequences")
    String changeConsequence(Actor actor, @RequestParam String region, @RequestParam String sector, @RequestParam RiskTier tier,
                             @RequestParam(required = false) Integer supervisionRatioBp,
                             @RequestParam(required = false) Long advanceCapYuan,
                             @RequestParam(required = false) Integer depositShareBp,
                             @RequestParam(required = false) String insuranceTier,
                             @RequestParam(required = false) String settlementFrequency,
                             @RequestParam(required = false) DayOfWeek payoutDay,
                             @RequestParam(required = false) String salesBlocked, @RequestParam(required = false) String source,
                             RedirectAttributes redirect, Locale locale) {
        return act(redirect, locale, "/risk/tables", "risk.tables.saved", () -> tables.changeConsequence(actor, region, sector,
                tier, new RiskTables.ConsequenceChange(supervisionRatioBp, advanceCapYuan == null ? null : Money.yuan(advanceCapYuan),
                        depositShareBp, blankToNull(insuranceTier), blankToNull(settlementFrequency),
                        "WEEKLY".equals(settlementFrequency) ? payoutDay : null,
                        salesBlocked == null || salesBlocked.isBlank() ? null : Boolean.valueOf(salesBlocked), source)));
    }

    @PostMapping("/risk/tables/floors")
    String addFloor(Actor actor, @RequestParam String region, @RequestParam String sector, @RequestParam String condition,
                    @RequestParam(required = false) Long threshold, @RequestParam(required = false) Integer supervisionRatioBp,
                    @RequestParam(defaultValue = "false") boolean salesBlocked, @RequestParam(required = false) String source,
                    RedirectAttributes redirect, Locale locale) {
        return act(redirect, locale, "/risk/tables", "risk.tables.saved", () -> tables.addFloor(actor,
                new RiskTables.NewFloor(region, sector, condition, threshold, supervisionRatioBp, salesBlocked, source)));
    }

    @PostMapping("/risk/tables/floors/{id}/retire")
    String retireFloor(Actor actor, @PathVariable UUID id, RedirectAttributes redirect, Locale locale) {
        return act(redirect, locale, "/risk/tables", "risk.tables.saved", () -> {
            tables.retireFloor(actor, id);
            return id;
        });
    }

    private String act(RedirectAttributes redirect, Locale locale, String target, String doneKey, Supplier<Object> command) {
        try {
            command.get();
            redirect.addFlashAttribute("notice", messages.getMessage(doneKey, null, locale));
        } catch (Rejection rejection) {
            redirect.addFlashAttribute("failure", rejection.getMessage());
        }
        return "redirect:" + target;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
