-- The oversight module: regions (GB/T 2260), daily balance snapshots and their regional roll-ups.
create schema if not exists oversight;

-- Administrative divisions: province -> city -> district. A municipality's districts sit directly below it (its
-- "市辖区" code xx0100 is not a level of its own). Names in Chinese and English; more rows can be added by migration.
create table oversight.region (
    code      char(6) primary key check (code ~ '^[1-9][0-9]{5}$'),
    parent    char(6) references oversight.region (code),
    level     text    not null check (level in ('PROVINCE', 'CITY', 'DISTRICT')),
    name_zh   text    not null,
    name_en   text    not null
);
create index region_parent on oversight.region (parent);

insert into oversight.region (code, parent, level, name_zh, name_en) values
    ('410000', null, 'PROVINCE', '河南省', 'Henan'),
    ('410100', '410000', 'CITY', '郑州市', 'Zhengzhou'),
    ('410200', '410000', 'CITY', '开封市', 'Kaifeng'),
    ('410202', '410200', 'DISTRICT', '龙亭区', 'Longting District'),
    ('410203', '410200', 'DISTRICT', '顺河回族区', 'Shunhe Hui District'),
    ('410204', '410200', 'DISTRICT', '鼓楼区', 'Gulou District'),
    ('410205', '410200', 'DISTRICT', '禹王台区', 'Yuwangtai District'),
    ('410212', '410200', 'DISTRICT', '祥符区', 'Xiangfu District'),
    ('410221', '410200', 'DISTRICT', '杞县', 'Qi County'),
    ('410222', '410200', 'DISTRICT', '通许县', 'Tongxu County'),
    ('410223', '410200', 'DISTRICT', '尉氏县', 'Weishi County'),
    ('410225', '410200', 'DISTRICT', '兰考县', 'Lankao County'),
    ('110000', null, 'PROVINCE', '北京市', 'Beijing'),
    ('110101', '110000', 'DISTRICT', '东城区', 'Dongcheng District'),
    ('110102', '110000', 'DISTRICT', '西城区', 'Xicheng District'),
    ('110105', '110000', 'DISTRICT', '朝阳区', 'Chaoyang District'),
    ('110106', '110000', 'DISTRICT', '丰台区', 'Fengtai District'),
    ('110108', '110000', 'DISTRICT', '海淀区', 'Haidian District'),
    ('310000', null, 'PROVINCE', '上海市', 'Shanghai'),
    ('310101', '310000', 'DISTRICT', '黄浦区', 'Huangpu District'),
    ('310104', '310000', 'DISTRICT', '徐汇区', 'Xuhui District'),
    ('310105', '310000', 'DISTRICT', '长宁区', 'Changning District'),
    ('310106', '310000', 'DISTRICT', '静安区', 'Jing''an District'),
    ('310115', '310000', 'DISTRICT', '浦东新区', 'Pudong New Area'),
    ('440000', null, 'PROVINCE', '广东省', 'Guangdong'),
    ('460000', null, 'PROVINCE', '海南省', 'Hainan'),
    ('460100', '460000', 'CITY', '海口市', 'Haikou');

-- One row per merchant and day (Asia/Shanghai), written by the daily snapshot job from the owners' published views
-- (card.merchant_card_totals, ledger.owner_balance, protection.merchant_cover, merchant.merchant_scope). CNY, fen.
-- uncovered = max(0, outstanding - escrow - deposit - insured): what consumers would lose if the merchant closed today.
create table oversight.balance_snapshot (
    day              date    not null,
    merchant_id      uuid    not null,
    region_code      char(6) not null,
    sector           text    not null,
    legal_name       text    not null,
    live_cards       bigint  not null,
    outstanding_minor bigint not null,
    escrow_minor     bigint  not null,
    advance_minor    bigint  not null,
    deposit_minor    bigint  not null,
    insured_minor    bigint  not null,
    uncovered_minor  bigint  not null,
    primary key (day, merchant_id)
);
create index balance_snapshot_scope on oversight.balance_snapshot (day, region_code bpchar_pattern_ops, sector);
create index balance_snapshot_uncovered on oversight.balance_snapshot (day, uncovered_minor desc);
create index balance_snapshot_merchant on oversight.balance_snapshot (merchant_id, day desc);

-- The same figures summed per day, region (every level: district, city, province, and '000000' for the country) and
-- sector, so the dashboard reads a handful of rows whatever the city's size.
create table oversight.region_balance (
    day              date    not null,
    region_code      char(6) not null,
    sector           text    not null,
    merchants        bigint  not null,
    live_cards       bigint  not null,
    outstanding_minor bigint not null,
    escrow_minor     bigint  not null,
    advance_minor    bigint  not null,
    deposit_minor    bigint  not null,
    insured_minor    bigint  not null,
    uncovered_minor  bigint  not null,
    primary key (day, region_code, sector)
);
create index region_balance_region on oversight.region_balance (region_code, sector, day desc);

-- When each day's snapshot was taken (and how long it took): the dashboard shows the latest complete one.
create table oversight.snapshot_run (
    day          date        primary key,
    merchants    bigint      not null,
    -- The platform guarantee fund that day: one national backstop, shown beside every region's figures.
    guarantee_fund_minor bigint not null,
    started_at   timestamptz not null,
    finished_at  timestamptz not null
);
