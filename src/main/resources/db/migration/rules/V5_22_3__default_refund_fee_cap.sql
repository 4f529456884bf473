-- Issue 13, item 4: no region or sector capped refund fees, so a contract could charge any fee. The national default
-- row's next version sets a platform default of 10% of the refund (1000 bp) where it set none; regions and sectors
-- override it like any value. It is a platform default, not a published figure: the source says so.
insert into rules.rule_version (id, region_code, sector, version, effective_from, cooling_off_days_min,
        purchase_amount_max_minor, session_pack_amount_max_minor, period_pass_amount_max_minor, stored_value_max_minor,
        consumer_total_max_minor, term_months_max, period_pass_term_months_max, sessions_max, supervision_ratio_bp,
        real_name_threshold_minor, refund_fee_cap_bp, required_clauses, banned_phrases, source, created_at, created_by)
select '01900000-0000-7000-8000-000000000223', region_code, sector, version + 1, effective_from, cooling_off_days_min,
       purchase_amount_max_minor, session_pack_amount_max_minor, period_pass_amount_max_minor, stored_value_max_minor,
       consumer_total_max_minor, term_months_max, period_pass_term_months_max, sessions_max, supervision_ratio_bp,
       real_name_threshold_minor, coalesce(refund_fee_cap_bp, 1000), required_clauses, banned_phrases,
       source || '; 退款手续费上限10% (平台默认值, 无地方规定时适用; platform default refund fee cap, 10% of the refund)',
       now(), 'migration'
  from rules.rule_version
 where region_code = '*' and sector = '*'
 order by effective_from desc, version desc
 limit 1;
