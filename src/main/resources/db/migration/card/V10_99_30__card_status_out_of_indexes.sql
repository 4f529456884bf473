-- Issue 15 (session 12): a card's status changes (frozen at a closure, ended as compensated, refunded, expired,
-- transferred) rewrote the row with a new entry in every index, because two indexes name the status: card_merchant
-- keys on it and card_period_due filters on it, and PostgreSQL makes an update HOT only if no indexed or
-- predicate column changed. Without status in any index, such an update keeps the row on its page (fillfactor 80,
-- V10_98_20) and skips the card's indexes; 100,000 cards of a closed merchant are frozen and then ended, two such
-- updates each. What each index loses:
--  * card_merchant: the merchant's cards are read by merchant, the status filtered on the rows found (a merchant's
--    live cards: listing, statistics, the closure's freeze and plan; most of a merchant's cards are live);
--  * card_period_due: it now holds ended passes too; the daily release (CardRepository.lockPassesDue) filters them.
drop index card.card_merchant;
create index card_merchant on card.card (merchant_id);
drop index card.card_period_due;
create index card_period_due on card.card (valid_until) where kind = 'PERIOD_PASS';
