-- Defaults from docs/domain.md §4, each row citing its published source. Operators edit them by adding versions.
insert into rules.rule_version (id, region_code, sector, version, effective_from, cooling_off_days_min,
        stored_value_max_minor, supervision_ratio_bp, real_name_threshold_minor, required_clauses, banned_phrases,
        source, created_at, created_by)
values ('01900000-0000-7000-8000-000000000001', '*', '*', 1, date '2025-05-01', 7, 500000, 4000, 1000000,
        '{PARTIES,ESCROW_ACCOUNT,AMOUNT_AND_PAYMENT,PERFORMANCE_GUARANTEE,CONTENT_PLACE_QUANTITY,PRICE_AND_DEDUCTION,TERM,REFUND_METHOD,DISPUTE_RESOLUTION}',
        '{概不退款,不退款,不予退款,不补办,解释权归,最终解释权,不得转让,不可转让,禁止转让,no refund,non-refundable,final interpretation,not transferable,non-transferable,no replacement}',
        '冷静期7天: 北京市单用途预付卡管理条例 (2022-06-01), 法释〔2025〕4号 (2025-05-01); 禁止条款: 北京市条例, 法释〔2025〕4号 第9条; 合同必备内容: 消费者权益保护法实施条例 第22条 (2024-07-01); 记名卡≤5,000元、单笔≥10,000元实名: 商务部 单用途商业预付卡管理办法; 存管比例40%: 京商秩字〔2023〕18号, 上海市单用途预付卡管理实施办法 (2019)',
        timestamptz '2025-05-01 00:00:00+08', 'migration');

insert into rules.rule_version (id, region_code, sector, version, effective_from, term_months_max, sessions_max,
        supervision_ratio_bp, source, created_at, created_by)
values ('01900000-0000-7000-8000-000000000002', '*', 'EDUCATION', 1, date '2021-04-01', 3, 60, 10000,
        '校外培训: 每次收费不超过3个月或60课时(孰短), 预收费全部进入监管账户: 教监管函〔2021〕2号 及地方细则',
        timestamptz '2021-04-01 00:00:00+08', 'migration');

insert into rules.rule_version (id, region_code, sector, version, effective_from, purchase_amount_max_minor,
        term_months_max, sessions_max, supervision_ratio_bp, source, created_at, created_by)
values ('01900000-0000-7000-8000-000000000003', '110000', 'YOUTH_SPORTS', 1, date '2023-06-01', 500000, 3, 60, 10000,
        '北京青少年体育培训: 100%存管, 每次收费不超过3个月或60课时且不超过5,000元: 京体产业字〔2023〕12号',
        timestamptz '2023-06-01 00:00:00+08', 'migration');

insert into rules.rule_version (id, region_code, sector, version, effective_from, session_pack_amount_max_minor,
        period_pass_amount_max_minor, stored_value_max_minor, consumer_total_max_minor, term_months_max, sessions_max,
        source, created_at, created_by)
values ('01900000-0000-7000-8000-000000000004', '310000', 'SPORTS_FITNESS', 1, date '2025-03-01', 2000000, 500000,
        500000, 2000000, 24, 60,
        '上海健身(每名消费者在同一经营者): 会籍卡≤5,000元且≤24个月; 课程包≤20,000元且≤60节; 储值≤5,000元; 合计≤20,000元(含续费): 沪体规文〔2025〕1号 (2025-03-01)',
        timestamptz '2025-03-01 00:00:00+08', 'migration');
