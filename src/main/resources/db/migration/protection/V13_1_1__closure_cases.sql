-- Closure cases: a merchant suspected of closing (announced, marked by an operator/regulator, or reported closed by
-- enough distinct consumers), then CONFIRMED or CLEARED. While a case is SUSPECTED or CONFIRMED the merchant may not
-- sell and its payouts are held.
create table protection.closure_case (
    id            uuid        primary key,
    merchant_id   uuid        not null,
    status        text        not null check (status in ('SUSPECTED', 'CONFIRMED', 'CLEARED')),
    source        text        not null check (source in ('ANNOUNCED', 'MARKED', 'REPORTS')),
    closing_on    date,
    opened_at     timestamptz not null,
    opened_by     text        not null,
    decided_at    timestamptz,
    decided_by    text,
    constraint closure_decided check ((status = 'SUSPECTED') = (decided_at is null))
);
-- At most one open (not cleared) case per merchant: a second suspicion joins the first.
create unique index closure_case_open on protection.closure_case (merchant_id) where status <> 'CLEARED';
create index closure_case_opened on protection.closure_case (opened_at desc);

-- Who did what when: opening, evidence notes, confirmation, clearing.
create table protection.closure_step (
    id          uuid        primary key,
    case_id     uuid        not null references protection.closure_case (id),
    kind        text        not null check (kind in ('OPENED', 'EVIDENCE', 'CONFIRMED', 'CLEARED')),
    note        text        not null,
    actor       text        not null,
    at          timestamptz not null
);
create index closure_step_case on protection.closure_step (case_id, at);

-- Consumers' "store closed" reports (a consumer holding a live card at the merchant).
create table protection.closure_report (
    id           uuid        primary key,
    merchant_id  uuid        not null,
    consumer_id  uuid        not null,
    note         text,
    reported_at  timestamptz not null,
    case_id      uuid        references protection.closure_case (id)
);
create index closure_report_merchant on protection.closure_report (merchant_id, reported_at desc);
