-- Issue 10 item 3: licence revocations and bankruptcies recorded on the platform. Each record opens (or joins) the
-- merchant's closure case; the closure claim of that case is filed with this trigger when a covering policy insures it.
create table insurance.merchant_trigger_event (
    id              uuid        primary key,
    merchant_id     uuid        not null,
    trigger         text        not null check (trigger in ('LICENCE_REVOKED', 'BANKRUPTCY')),
    occurred_on     date        not null,
    reference       text        not null check (length(reference) between 1 and 64),
    note            text        not null,
    closure_case_id uuid,
    recorded_by     text        not null,
    recorded_at     timestamptz not null,
    unique (merchant_id, trigger, reference)
);
create index merchant_trigger_event_case on insurance.merchant_trigger_event (closure_case_id);
