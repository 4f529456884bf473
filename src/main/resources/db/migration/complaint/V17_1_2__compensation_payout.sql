-- Compensation with a card is carried out by the platform: set aside from the merchant's earned payable (ledger
-- complaint-compensation:<agreementId>), then paid to the consumer by an operator (complaint-compensation-paid:).
alter table complaint.agreement add column compensation_set_aside_at timestamptz;
alter table complaint.agreement add column compensation_paid_at timestamptz;
alter table complaint.agreement add column payout_reference text check (length(payout_reference) between 1 and 100);
alter table complaint.agreement add constraint agreement_compensation_order
    check (compensation_paid_at is null or compensation_set_aside_at is not null);
create index agreement_compensation_waiting on complaint.agreement (proposed_at)
    where status = 'ACCEPTED' and remedy = 'COMPENSATION' and compensation_set_aside_at is null;
