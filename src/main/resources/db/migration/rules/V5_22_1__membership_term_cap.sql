-- Issue 13, item 6: Shanghai's gym rule (沪体规文〔2025〕1号) caps memberships at 24 months, not class packs. The row
-- stored the 24 months in term_months_max, which caps every kind; it moves to a membership-only column. The correction
-- is the row's next version with the same effective date, so it applies to every day the rule did.
alter table rules.rule_version add column period_pass_term_months_max int check (period_pass_term_months_max > 0);

insert into rules.rule_version (id, region_code, sector, version, effective_from, cooling_off_days_min,
        purchase_amount_max_minor, session_pack_amount_max_minor, period_pass_amount_max_minor, stored_value_max_minor,
        consumer_total_max_minor, term_months_max, period_pass_term_months_max, sessions_max, supervision_ratio_bp,
        real_name_threshold_minor, refund_fee_cap_bp, required_clauses, banned_phrases, source, created_at, created_by)
select '01900000-0000-7000-8000-000000000221', region_code, sector, version + 1, effective_from, cooling_off_days_min,
       purchase_amount_max_minor, session_pack_amount_max_minor, period_pass_amount_max_minor, stored_value_max_minor,
       consumer_total_max_minor, null, term_months_max, sessions_max, supervision_ratio_bp,
       real_name_threshold_minor, refund_fee_cap_bp, required_clauses, banned_phrases,
       source || ' (24个月上限仅适用于会籍卡 / the 24-month cap applies to memberships only)', now(), 'migration'
  from rules.rule_version
 where region_code = '310000' and sector = 'SPORTS_FITNESS' and term_months_max is not null
 order by effective_from desc, version desc
 limit 1;
