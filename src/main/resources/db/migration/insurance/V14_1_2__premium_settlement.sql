-- What happened to a premium bill's money after billing: the government subsidy received into the platform's account,
-- and the bill remitted to the insurer (once; only when no merchant share is still due).
create table insurance.premium_settlement (
    bill_id                 uuid        primary key references insurance.premium_bill (id),
    subsidy_received_at     timestamptz,
    subsidy_received_by     text,
    subsidy_reference       text        check (length(subsidy_reference) <= 100),
    remitted_at             timestamptz,
    remitted_by             text,
    remittance_reference    text        check (length(remittance_reference) <= 100),
    remitted_minor          bigint      check (remitted_minor >= 0),
    check ((remitted_at is null) = (remitted_minor is null))
);

-- When a DUE merchant share was collected later (the line is then POSTED).
alter table insurance.premium_bill_line add column collected_at timestamptz;
