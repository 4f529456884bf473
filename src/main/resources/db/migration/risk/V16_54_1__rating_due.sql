-- Merchants an event asked to re-rate. The listener that takes them rates every merchant due at once, so a burst of
-- events (a feed file flagging many merchants, several events of one merchant) costs one rating per merchant.
create table risk.rating_due (
    merchant_id uuid        primary key,
    marked_at   timestamptz not null
);
