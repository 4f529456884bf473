-- Complaints: cases with their stage and deadlines, messages, evidence files, agreements, and the deadline rules per
-- region. An open case has exactly one open deadline (partial unique index), due on a working day of the calendar.
create schema if not exists complaint;

-- Working days per deadline; the most specific region row applies (district, city 4102xx → 410200, province, then the
-- national default 000000).
create table complaint.deadline_rule (
    region_code       text        primary key check (region_code ~ '^[0-9]{6}$'),
    negotiation_days  int         not null check (negotiation_days between 1 and 120),
    platform_days     int         not null check (platform_days between 1 and 120),
    acceptance_days   int         not null check (acceptance_days between 1 and 120),
    mediation_days    int         not null check (mediation_days between 1 and 120),
    performance_days  int         not null check (performance_days between 1 and 120),
    notice_days       int         not null check (notice_days between 1 and 120),
    changed_by        text        not null,
    changed_at        timestamptz not null
);
insert into complaint.deadline_rule values ('000000', 10, 10, 7, 45, 10, 7, 'seed', timestamptz '2026-01-01 00:00:00+08');

create table complaint.complaint_case (
    id                  uuid        primary key,
    case_number         text        not null unique,
    source              text        not null check (source in ('PLATFORM','12315')),
    external_ref        text        unique check (length(external_ref) between 1 and 64),
    consumer_id         uuid,
    consumer_mobile     text        check (consumer_mobile ~ '^1[3-9][0-9]{9}$'),
    consumer_name       text        check (length(consumer_name) <= 100),
    merchant_id         uuid        not null,
    merchant_name       text        not null,
    sector              text        not null,
    region_code         text        not null,
    card_id             uuid,
    redemption_id       uuid,
    refund_id           uuid,
    subject             text        not null check (subject in ('CARD','REDEMPTION','REFUND','MERCHANT')),
    category            text        not null check (category in ('REFUND_REFUSED','SERVICE_NOT_DELIVERED','QUALITY','CONTRACT_CLAUSE','STORE_CLOSED','OTHER')),
    currency            char(3)     not null,
    asked_minor         bigint      check (asked_minor > 0),
    asked_action        text        check (length(asked_action) between 1 and 500),
    description         text        not null check (length(description) between 10 and 4000),
    stage               text        not null check (stage in ('MERCHANT_NEGOTIATION','PLATFORM_MEDIATION','ASSOCIATION_ACCEPTANCE','ASSOCIATION_MEDIATION','REGULATOR_ACCEPTANCE','REGULATOR_MEDIATION','PERFORMANCE','CLOSED')),
    outcome             text        check (outcome in ('WITHDRAWN','NOT_ACCEPTED','AGREEMENT_PERFORMED','MEDIATION_FAILED')),
    failure_reason      text        check (failure_reason in ('MEDIATION_TIME_ELAPSED','ENDED_BY_MEDIATOR','AGREEMENT_NOT_PERFORMED')),
    merchant_refused    boolean     not null default false,
    redemption_held     boolean     not null default false,
    payout_hold_minor   bigint      not null default 0 check (payout_hold_minor >= 0),
    reached_platform    boolean     not null default false,
    reached_association boolean     not null default false,
    reached_regulator   boolean     not null default false,
    filed_at            timestamptz not null,
    filed_on            date        not null,
    closed_at           timestamptz,
    closed_on           date,
    failure_noticed_at  timestamptz,
    claim_id            uuid,
    version             int         not null default 0,
    check ((stage = 'CLOSED') = (outcome is not null)),
    check ((stage = 'CLOSED') = (closed_at is not null)),
    check ((failure_reason is not null) = (outcome = 'MEDIATION_FAILED')),
    check (consumer_id is not null or consumer_mobile is not null),
    check (asked_minor is not null or asked_action is not null),
    check (subject = 'MERCHANT' or card_id is not null)
);
create index complaint_case_consumer on complaint.complaint_case (consumer_id, filed_at desc);
create index complaint_case_mobile on complaint.complaint_case (consumer_mobile) where consumer_id is null;
create index complaint_case_merchant on complaint.complaint_case (merchant_id, filed_at desc);
create index complaint_case_stage on complaint.complaint_case (stage, filed_at);
create index complaint_case_sector on complaint.complaint_case (sector, filed_at desc);
-- one open complaint per consumer and subject (the same card, redemption, refund or merchant)
create unique index complaint_case_one_open on complaint.complaint_case
    (consumer_id, subject, coalesce(redemption_id, refund_id, card_id, merchant_id))
    where stage <> 'CLOSED' and consumer_id is not null;

create table complaint.deadline (
    complaint_id  uuid    not null references complaint.complaint_case (id),
    seq           int     not null check (seq >= 1),
    kind          text    not null check (kind in ('NEGOTIATION','PLATFORM_MEDIATION','ACCEPTANCE','MEDIATION','PERFORMANCE')),
    stage         text    not null,
    starts_on     date    not null,
    working_days  int     not null check (working_days between 1 and 366),
    due_on        date    not null,
    closed_on     date,
    primary key (complaint_id, seq),
    check (due_on > starts_on)
);
-- exactly one open deadline per open case (the workflow opens the next one in the transaction that closes the last)
create unique index deadline_one_open on complaint.deadline (complaint_id) where closed_on is null;
create index deadline_due on complaint.deadline (due_on) where closed_on is null;

create table complaint.stage_change (
    id            uuid        primary key,
    complaint_id  uuid        not null references complaint.complaint_case (id),
    at            timestamptz not null,
    from_stage    text,
    to_stage      text        not null,
    party         text        not null,
    by_user       text        not null,
    note          text        check (length(note) <= 1000)
);
create index stage_change_case on complaint.stage_change (complaint_id, at);

create table complaint.message (
    id            uuid        primary key,
    complaint_id  uuid        not null references complaint.complaint_case (id),
    author_id     uuid,
    author_name   text        not null,
    party         text        not null,
    body          text        not null check (length(body) between 1 and 2000),
    posted_at     timestamptz not null
);
create index message_case on complaint.message (complaint_id, posted_at);

create table complaint.evidence (
    id            uuid        primary key,
    complaint_id  uuid        not null references complaint.complaint_case (id),
    file_name     text        not null check (length(file_name) between 1 and 200),
    content_type  text        not null check (content_type in ('image/jpeg','image/png','image/webp','application/pdf')),
    size_bytes    int         not null check (size_bytes > 0 and size_bytes <= 10485760),
    sha256        char(64)    not null,
    content       bytea       not null,
    uploaded_by   uuid        not null,
    party         text        not null,
    uploaded_at   timestamptz not null,
    unique (complaint_id, sha256),
    check (octet_length(content) = size_bytes)
);
create index evidence_case on complaint.evidence (complaint_id, uploaded_at);

create table complaint.agreement (
    id                     uuid        primary key,
    complaint_id           uuid        not null references complaint.complaint_case (id),
    stage                  text        not null,
    remedy                 text        not null check (remedy in ('REFUND','RESUME_SERVICE','COMPENSATION')),
    currency               char(3)     not null,
    amount_minor           bigint      check (amount_minor > 0),
    terms                  text        not null check (length(terms) between 2 and 2000),
    proposed_by            text        not null,
    proposed_party         text        not null,
    proposed_at            timestamptz not null,
    status                 text        not null check (status in ('PROPOSED','ACCEPTED','REJECTED','SUPERSEDED')),
    consumer_decision      text        check (consumer_decision in ('ACCEPTED','REJECTED')),
    consumer_decided_at    timestamptz,
    merchant_decision      text        check (merchant_decision in ('ACCEPTED','REJECTED')),
    merchant_decided_at    timestamptz,
    reject_reason          text        check (length(reject_reason) <= 1000),
    refund_id              uuid,
    merchant_reported_at   timestamptz,
    merchant_report        text        check (length(merchant_report) <= 1000),
    consumer_confirmed_at  timestamptz,
    consumer_disputed_at   timestamptz,
    consumer_dispute       text        check (length(consumer_dispute) <= 1000),
    check ((remedy = 'RESUME_SERVICE') = (amount_minor is null)),
    check (status <> 'ACCEPTED' or (consumer_decision = 'ACCEPTED' and merchant_decision = 'ACCEPTED'))
);
create unique index agreement_one_proposed on complaint.agreement (complaint_id) where status = 'PROPOSED';
create unique index agreement_one_accepted on complaint.agreement (complaint_id) where status = 'ACCEPTED';
create index agreement_refund on complaint.agreement (refund_id) where refund_id is not null;
