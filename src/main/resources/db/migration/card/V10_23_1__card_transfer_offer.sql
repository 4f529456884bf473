-- A card transfer is an offer to a mobile number that the consumer holding that number accepts (issue #14 item 6):
-- the holder's answer is the same whether or not the number is registered, so a transfer reveals nothing about it.
create table card.transfer_offer (
    id           uuid primary key,
    card_id      uuid        not null references card.card (id),
    from_user_id uuid        not null,
    to_mobile    text        not null,
    offered_at   timestamptz not null,
    expires_at   timestamptz not null,
    closed_at    timestamptz,
    outcome      text check (outcome in ('ACCEPTED', 'CANCELLED', 'REPLACED')),
    transfer_id  uuid references card.card_transfer (id),
    check ((closed_at is null) = (outcome is null))
);
-- One open offer per card; the recipient's open offers by number.
create unique index transfer_offer_open_card on card.transfer_offer (card_id) where closed_at is null;
create index transfer_offer_open_mobile on card.transfer_offer (to_mobile) where closed_at is null;
