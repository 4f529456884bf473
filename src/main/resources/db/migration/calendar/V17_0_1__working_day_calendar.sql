-- The working-day calendar: days that differ from the Monday-to-Friday week. HOLIDAY = a public holiday (never a
-- working day), WORKDAY = an adjusted working weekend (调休, always a working day). Operators edit it; the 2026 rows
-- are the State Council General Office's notice of 2025-11-04 on the 2026 holidays (国务院办公厅关于2026年部分节假日安排的通知).
create schema if not exists calendar;

create table calendar.day (
    day         date        primary key,
    kind        text        not null check (kind in ('HOLIDAY','WORKDAY')),
    name        text        not null check (length(name) between 1 and 100),
    changed_by  text        not null,
    changed_at  timestamptz not null
);

insert into calendar.day (day, kind, name, changed_by, changed_at) values
    ('2026-01-01', 'HOLIDAY', '元旦 New Year', 'seed', timestamptz '2025-11-05 00:00:00+08'),
    ('2026-01-02', 'HOLIDAY', '元旦 New Year', 'seed', timestamptz '2025-11-05 00:00:00+08'),
    ('2026-01-03', 'HOLIDAY', '元旦 New Year', 'seed', timestamptz '2025-11-05 00:00:00+08'),
    ('2026-01-04', 'WORKDAY', '元旦调休上班 New Year make-up working day', 'seed', timestamptz '2025-11-05 00:00:00+08'),
    ('2026-02-14', 'WORKDAY', '春节调休上班 Spring Festival make-up working day', 'seed', timestamptz '2025-11-05 00:00:00+08'),
    ('2026-02-15', 'HOLIDAY', '春节 Spring Festival', 'seed', timestamptz '2025-11-05 00:00:00+08'),
    ('2026-02-16', 'HOLIDAY', '春节 Spring Festival', 'seed', timestamptz '2025-11-05 00:00:00+08'),
    ('2026-02-17', 'HOLIDAY', '春节 Spring Festival', 'seed', timestamptz '2025-11-05 00:00:00+08'),
    ('2026-02-18', 'HOLIDAY', '春节 Spring Festival', 'seed', timestamptz '2025-11-05 00:00:00+08'),
    ('2026-02-19', 'HOLIDAY', '春节 Spring Festival', 'seed', timestamptz '2025-11-05 00:00:00+08'),
    ('2026-02-20', 'HOLIDAY', '春节 Spring Festival', 'seed', timestamptz '2025-11-05 00:00:00+08'),
    ('2026-02-21', 'HOLIDAY', '春节 Spring Festival', 'seed', timestamptz '2025-11-05 00:00:00+08'),
    ('2026-02-22', 'HOLIDAY', '春节 Spring Festival', 'seed', timestamptz '2025-11-05 00:00:00+08'),
    ('2026-02-23', 'HOLIDAY', '春节 Spring Festival', 'seed', timestamptz '2025-11-05 00:00:00+08'),
    ('2026-02-28', 'WORKDAY', '春节调休上班 Spring Festival make-up working day', 'seed', timestamptz '2025-11-05 00:00:00+08'),
    ('2026-04-04', 'HOLIDAY', '清明节 Qingming Festival', 'seed', timestamptz '2025-11-05 00:00:00+08'),
    ('2026-04-05', 'HOLIDAY', '清明节 Qingming Festival', 'seed', timestamptz '2025-11-05 00:00:00+08'),
    ('2026-04-06', 'HOLIDAY', '清明节 Qingming Festival', 'seed', timestamptz '2025-11-05 00:00:00+08'),
    ('2026-05-01', 'HOLIDAY', '劳动节 Labour Day', 'seed', timestamptz '2025-11-05 00:00:00+08'),
    ('2026-05-02', 'HOLIDAY', '劳动节 Labour Day', 'seed', timestamptz '2025-11-05 00:00:00+08'),
    ('2026-05-03', 'HOLIDAY', '劳动节 Labour Day', 'seed', timestamptz '2025-11-05 00:00:00+08'),
    ('2026-05-04', 'HOLIDAY', '劳动节 Labour Day', 'seed', timestamptz '2025-11-05 00:00:00+08'),
    ('2026-05-05', 'HOLIDAY', '劳动节 Labour Day', 'seed', timestamptz '2025-11-05 00:00:00+08'),
    ('2026-05-09', 'WORKDAY', '劳动节调休上班 Labour Day make-up working day', 'seed', timestamptz '2025-11-05 00:00:00+08'),
    ('2026-06-19', 'HOLIDAY', '端午节 Dragon Boat Festival', 'seed', timestamptz '2025-11-05 00:00:00+08'),
    ('2026-06-20', 'HOLIDAY', '端午节 Dragon Boat Festival', 'seed', timestamptz '2025-11-05 00:00:00+08'),
    ('2026-06-21', 'HOLIDAY', '端午节 Dragon Boat Festival', 'seed', timestamptz '2025-11-05 00:00:00+08'),
    ('2026-09-20', 'WORKDAY', '国庆节调休上班 National Day make-up working day', 'seed', timestamptz '2025-11-05 00:00:00+08'),
    ('2026-09-25', 'HOLIDAY', '中秋节 Mid-Autumn Festival', 'seed', timestamptz '2025-11-05 00:00:00+08'),
    ('2026-09-26', 'HOLIDAY', '中秋节 Mid-Autumn Festival', 'seed', timestamptz '2025-11-05 00:00:00+08'),
    ('2026-09-27', 'HOLIDAY', '中秋节 Mid-Autumn Festival', 'seed', timestamptz '2025-11-05 00:00:00+08'),
    ('2026-10-01', 'HOLIDAY', '国庆节 National Day', 'seed', timestamptz '2025-11-05 00:00:00+08'),
    ('2026-10-02', 'HOLIDAY', '国庆节 National Day', 'seed', timestamptz '2025-11-05 00:00:00+08'),
    ('2026-10-03', 'HOLIDAY', '国庆节 National Day', 'seed', timestamptz '2025-11-05 00:00:00+08'),
    ('2026-10-04', 'HOLIDAY', '国庆节 National Day', 'seed', timestamptz '2025-11-05 00:00:00+08'),
    ('2026-10-05', 'HOLIDAY', '国庆节 National Day', 'seed', timestamptz '2025-11-05 00:00:00+08'),
    ('2026-10-06', 'HOLIDAY', '国庆节 National Day', 'seed', timestamptz '2025-11-05 00:00:00+08'),
    ('2026-10-07', 'HOLIDAY', '国庆节 National Day', 'seed', timestamptz '2025-11-05 00:00:00+08'),
    ('2026-10-10', 'WORKDAY', '国庆节调休上班 National Day make-up working day', 'seed', timestamptz '2025-11-05 00:00:00+08');
