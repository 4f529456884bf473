-- Cards: purchases into escrow, cards (the consumer's entitlement), redemptions, codes, requests and history.
create schema if not exists card;

create table card.purchase (
    id                    uuid primary key,
    consumer_id           uuid        not null,
    merchant_id           uuid        not null,
    store_id              uuid        not null,
    product_id            uuid        not null,
    product_name          text        not null,
    contract_version_id   uuid        not null,
    contract_sha256       char(64)    not null,
    supervision_ratio_bp  int         not null check (supervision_ratio_bp between 0 and 10000),
    amount_minor          bigint      not null check (amount_minor > 0),
    currency              char(3)     not null,
    status                text        not null check (status in ('PENDING_PAYMENT', 'PAID', 'EXPIRED', 'FAILED')),
    payment_order_id      uuid,
    checkout_url          text,
    created_at            timestamptz not null,
    paid_at               timestamptz
);
create index purchase_consumer on card.purchase (consumer_id, created_at desc);
create index purchase_created on card.purchase (created_at desc);

create table card.card (
    id                        uuid primary key,
    purchase_id               uuid        not null,
    transferred_from          uuid references card.card (id),
    holder_id                 uuid        not null,
    merchant_id               uuid        not null,
    store_id                  uuid        not null,
    product_id                uuid        not null,
    product_name              text        not null,
    kind                      text        not null check (kind in ('SESSION_PACK', 'PERIOD_PASS', 'STORED_VALUE')),
    contract_version_id       uuid        not null,
    contract_sha256           char(64)    not null,
    payment_order_id          uuid        not null,
    status                    text        not null check (status in ('ACTIVE', 'FROZEN', 'EXPIRED', 'REFUNDED', 'TRANSFERRED')),
    currency                  char(3)     not null,
    paid_minor                bigint      not null check (paid_minor > 0),
    list_price_minor          bigint      not null check (list_price_minor >= paid_minor),
    earned_minor              bigint      not null default 0 check (earned_minor >= 0),
    refunded_minor            bigint      not null default 0 check (refunded_minor >= 0),
    transferred_out_minor     bigint      not null default 0 check (transferred_out_minor >= 0),
    advance_minor             bigint      not null default 0 check (advance_minor >= 0),
    advance_outstanding_minor bigint      not null default 0 check (advance_outstanding_minor >= 0),
    sessions_total            int,
    sessions_remaining        int,
    face_value_minor          bigint,
    face_remaining_minor      bigint,
    valid_from                date        not null,
    valid_until               date        not null,
    zone                      text        not null,
    released_through          date,
    purchased_at              timestamptz not null,
    first_redeemed_at         timestamptz,
    ended_at                  timestamptz,
    end_reason                text,
    constraint card_pieces_add_up check (earned_minor + refunded_minor + transferred_out_minor <= paid_minor),
    constraint card_advance_within_value check (advance_outstanding_minor <= paid_minor - earned_minor - refunded_minor - transferred_out_minor),
    constraint card_sessions check ((kind = 'SESSION_PACK') = (sessions_total is not null)
        and (sessions_remaining is null or sessions_remaining between 0 and sessions_total)),
    constraint card_face check ((kind = 'STORED_VALUE') = (face_value_minor is not null)
        and (face_remaining_minor is null or face_remaining_minor between 0 and face_value_minor)),
    constraint card_validity check (valid_until >= valid_from)
);
-- A purchase issues exactly one card; a transferred card's successor shares the purchase, so the key allows that.
create unique index card_one_per_purchase on card.card (purchase_id) where transferred_from is null;
create unique index card_one_successor on card.card (transferred_from) where transferred_from is not null;
create index card_holder on card.card (holder_id, purchased_at desc);
create index card_merchant on card.card (merchant_id, status);
create index card_period_due on card.card (valid_until) where kind = 'PERIOD_PASS' and status = 'ACTIVE';

create table card.card_event (
    id           uuid primary key,
    card_id      uuid        not null references card.card (id),
    occurred_at  timestamptz not null,
    kind         text        not null,
    detail       text        not null,
    amount_minor bigint,
    sessions     int,
    reference_id uuid
);
create index card_event_card on card.card_event (card_id, occurred_at, id);

create table card.redemption_code (
    id          uuid primary key,
    card_id     uuid        not null references card.card (id),
    short_code  char(6)     not null,
    issued_at   timestamptz not null,
    expires_at  timestamptz not null,
    used_at     timestamptz
);
create index redemption_code_lookup on card.redemption_code (short_code, expires_at) where used_at is null;

create table card.redemption (
    id                uuid primary key,
    card_id           uuid        not null references card.card (id),
    merchant_id       uuid        not null,
    store_id          uuid        not null,
    staff_user_id     uuid        not null,
    via               text        not null check (via in ('CODE', 'REQUEST')),
    sessions          int check (sessions is null or sessions > 0),
    face_amount_minor bigint check (face_amount_minor is null or face_amount_minor > 0),
    value_minor       bigint      not null check (value_minor >= 0),
    advance_netted_minor bigint   not null check (advance_netted_minor >= 0 and advance_netted_minor <= value_minor),
    currency          char(3)     not null,
    status            text        not null check (status in ('REDEEMED', 'DISPUTED', 'REVERSED')),
    transfer_id       uuid,
    redeemed_at       timestamptz not null,
    disputed_at       timestamptz,
    dispute_reason    text,
    decided_at        timestamptz,
    decision          text check (decision in ('UPHELD', 'REJECTED')),
    decision_reason   text
);
create index redemption_merchant_day on card.redemption (merchant_id, redeemed_at desc);
create index redemption_card on card.redemption (card_id, redeemed_at);
create index redemption_disputed on card.redemption (merchant_id) where status = 'DISPUTED';

create table card.redemption_request (
    id            uuid primary key,
    card_id       uuid        not null references card.card (id),
    merchant_id   uuid        not null,
    store_id      uuid        not null,
    staff_user_id uuid        not null,
    sessions      int check (sessions is null or sessions > 0),
    face_amount_minor bigint check (face_amount_minor is null or face_amount_minor > 0),
    status        text        not null check (status in ('PENDING', 'CONFIRMED', 'DECLINED', 'EXPIRED')),
    created_at    timestamptz not null,
    expires_at    timestamptz not null,
    decided_at    timestamptz,
    redemption_id uuid references card.redemption (id)
);
create index redemption_request_card on card.redemption_request (card_id, created_at desc);
create index redemption_request_pending on card.redemption_request (expires_at) where status = 'PENDING';

create table card.card_transfer (
    id            uuid primary key,
    from_card_id  uuid        not null unique references card.card (id),
    to_card_id    uuid        not null unique references card.card (id),
    from_user_id  uuid        not null,
    to_user_id    uuid        not null,
    amount_minor  bigint      not null check (amount_minor > 0),
    currency      char(3)     not null,
    transferred_at timestamptz not null
);
