-- A refund of a card the holder received by transfer cannot go back over the first buyer's payment order: it waits
-- in MANUAL_PAYOUT until an operator pays the holder outside the payment provider and records the bank reference.
alter table refund.refund_request drop constraint refund_request_status_check;
alter table refund.refund_request add constraint refund_request_status_check check (status in
    ('PENDING_MERCHANT','DISPUTED','APPROVED','MANUAL_PAYOUT','PAID','PAYMENT_FAILED','NOTHING_DUE','REJECTED','CANCELLED'));
alter table refund.refund_request add column payout_reference text check (length(payout_reference) between 1 and 200);
