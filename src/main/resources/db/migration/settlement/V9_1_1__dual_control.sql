-- Dual control of large releases: a payout above the threshold is proposed AWAITING_APPROVAL (nothing posted, the
-- money stays payable) and is instructed only after a second operator (not its maker) and, when configured, the
-- bank approve it; a rejection ends it as REJECTED (nothing ever moved). Every decision is a row here and audited.
do $$
declare c record;
begin
    for c in select conname from pg_constraint
              where conrelid = 'settlement.payout'::regclass and contype = 'c'
                and (conname = 'payout_status_check' or pg_get_constraintdef(oid) like '%instructed_at%')
    loop
        execute format('alter table settlement.payout drop constraint %I', c.conname);
    end loop;
end $$;

alter table settlement.payout
    add column proposed_by text,
    add constraint payout_status_check
        check (status in ('AWAITING_APPROVAL','REJECTED','INSTRUCTED','CONFIRMED','RETURNED','HELD')),
    add constraint payout_creditor_known
        check (status = 'HELD' or (end_to_end_id is not null and creditor_account is not null)),
    add constraint payout_instructed_at
        check ((status in ('INSTRUCTED','CONFIRMED','RETURNED')) = (instructed_at is not null));
-- proposed_by (the maker's username, or 'job') is set in the proposing transaction right after the insert; a payout
-- with a maker is one that was under dual control.
create index payout_awaiting_approval on settlement.payout (created_at) where status = 'AWAITING_APPROVAL';

create table settlement.payout_approval (
    payout_id    uuid        not null references settlement.payout (id),
    decided_by   uuid        not null,
    username     text        not null,
    role         text        not null check (role in ('OPERATOR','BANK')),
    decision     text        not null check (decision in ('APPROVED','REJECTED')),
    reason       text        check (reason is null or length(reason) <= 500),
    decided_at   timestamptz not null,
    primary key (payout_id, decided_by),
    -- one checker per side: a second operator approval adds nothing, the same person never decides twice
    unique (payout_id, role),
    check (decision = 'APPROVED' or reason is not null)
);
