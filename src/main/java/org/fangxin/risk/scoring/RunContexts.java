package org.fangxin.risk.scoring;

import java.time.Instant;
import java.time.LocalDate;
import org.fangxin.risk.domain.TierPolicy;
import org.fangxin.risk.persistence.TablesRepository;
import org.fangxin.rules.Rules;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Loads the tables a rating run applies ({@link RunContext}) and holds the tier policy configured by
 * {@code fangxin.risk.tier.*} (thresholds in points, hysteresis and badge days; docs/risk.md).
 */
@Component
public class RunContexts {

    private final TablesRepository tables;
    private final Rules rules;
    private final TierPolicy policy;

    RunContexts(TablesRepository tables, Rules rules,
                @Value("${fangxin.risk.tier.a-from:80}") int aFrom, @Value("${fangxin.risk.tier.b-from:60}") int bFrom,
                @Value("${fangxin.risk.tier.c-from:40}") int cFrom,
                @Value("${fangxin.risk.tier.up-after-days:30}") int upAfterDays,
                @Value("${fangxin.risk.badge.after-days:90}") int badgeAfterDays) {
        this.tables = tables;
        this.rules = rules;
        this.policy = new TierPolicy(aFrom * 100, bFrom * 100, cFrom * 100, upAfterDays, badgeAfterDays);
    }

    public TierPolicy policy() {
        return policy;
    }

    public RunContext load(LocalDate today, Instant now) {
        return new RunContext(today, now, policy, tables.currentWeights(),
                tables.currentConsequences().stream().map(TablesRepository.ConsequenceVersion::row).toList(),
                tables.floors().stream().map(TablesRepository.FloorRow::floor).toList(),
                (region, sector) -> rules.effectiveRules(region, sector, today).values().supervisionRatioBp());
    }
}
