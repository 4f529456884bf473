-- Several custodian banks (issue 13). A bank is a record; each merchant's escrow and deposit sub-accounts are at one
-- bank; a statement is imported for one bank and reconciled against the ledger escrow of that bank's merchants only;
-- BANK users belong to one bank. Everything that existed before belongs to the DEFAULT bank (the one configured bank).
create table bank.custodian_bank (
    code            text        primary key check (code ~ '^[A-Z0-9]{2,12}$'),
    name_zh         text        not null check (length(name_zh) between 1 and 100),
    name_en         text        not null check (length(name_en) between 1 and 100),
    custody_account text        unique check (custody_account ~ '^[A-Z0-9-]{4,34}$'),
    created_at      timestamptz not null
);
-- The default bank's custody account stays the configured property (custody_account null).
insert into bank.custodian_bank (code, name_zh, name_en, custody_account, created_at)
values ('DEFAULT', '托管银行', 'Custodian bank', null, now());

alter table bank.custody_sub_account
    add column bank_code text not null default 'DEFAULT' references bank.custodian_bank (code);
create index custody_sub_account_bank on bank.custody_sub_account (bank_code, merchant_id);

alter table bank.statement_import
    add column bank_code text not null default 'DEFAULT' references bank.custodian_bank (code);

-- A BANK user (or API key user) is a member of exactly one bank; a BANK user without a row is the DEFAULT bank's.
create table bank.custodian_bank_member (
    user_id    uuid        primary key,
    bank_code  text        not null references bank.custodian_bank (code),
    added_by   uuid        not null,
    added_at   timestamptz not null
);

-- Moving a merchant's sub-accounts to another bank: proposed by one operator, decided by another (dual control), and
-- only while the merchant holds no money at all (escrow, risk deposit, in transit): money is never split across banks.
create table bank.custodian_bank_move (
    id          uuid        primary key,
    merchant_id uuid        not null,
    from_bank   text        not null references bank.custodian_bank (code),
    to_bank     text        not null references bank.custodian_bank (code),
    state       text        not null check (state in ('PROPOSED','APPLIED','REJECTED')),
    proposed_by uuid        not null,
    proposed_at timestamptz not null,
    decided_by  uuid,
    decided_at  timestamptz,
    check (from_bank <> to_bank),
    check ((state = 'PROPOSED') = (decided_by is null)),
    check (decided_by is null or decided_by <> proposed_by)
);
create unique index custodian_bank_move_open on bank.custodian_bank_move (merchant_id) where state = 'PROPOSED';
