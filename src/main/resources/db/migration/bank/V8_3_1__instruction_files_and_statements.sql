-- Instruction files and the documents that come back (pain.002, camt.053).
-- The bank's side (sandbox_*): files received, when each instruction executes, every booking it made on the accounts
-- it keeps, the documents it produced, and its configurable behaviour. The platform's side: the files it sent and the
-- documents it fetched.

-- ---------------------------------------------------------------- the sandbox bank's side

-- A received pain.001 file; the message id is the bank's idempotency key for the whole file, the checksum detects a
-- different file under the same id.
create table bank.sandbox_file (
    message_id        text        primary key,
    sha256            char(64)    not null,
    received_at       timestamptz not null,
    transaction_count int         not null check (transaction_count > 0),
    accepted_count    int         not null check (accepted_count >= 0),
    rejected_count    int         not null check (rejected_count >= 0)
);

alter table bank.sandbox_instruction add column message_id text;
-- The day the bank executes the transfer (received day plus the value-date delay in business days).
alter table bank.sandbox_instruction add column execution_date date;
update bank.sandbox_instruction set execution_date = (received_at at time zone 'Asia/Shanghai')::date;
alter table bank.sandbox_instruction alter column execution_date set not null;

-- Accounts the bank keeps statements for, with the balance they were opened with (taken over from the ledger).
create table bank.sandbox_account (
    account_number text        primary key,
    opened_at      timestamptz not null,
    opening_minor  bigint      not null,
    currency       char(3)     not null,
    mirrored_until timestamptz not null
);

-- Every booking the bank made; statements list them (minus injected omissions) and their balances sum them.
create table bank.sandbox_booking (
    id             bigint      generated always as identity primary key,
    account_number text        not null references bank.sandbox_account (account_number),
    booking_date   date        not null,
    value_date     date        not null,
    amount_minor   bigint      not null check (amount_minor <> 0),
    currency       char(3)     not null,
    end_to_end_id  text,
    reference      text        not null unique,
    kind           text        not null check (kind in ('MIRROR','PAYOUT','RETURN','FEE')),
    return_code    text,
    description    text        not null
);
create index sandbox_booking_day on bank.sandbox_booking (booking_date, account_number);

-- Documents the bank produced for the platform to fetch, in order.
create table bank.sandbox_document (
    sequence       bigint      generated always as identity primary key,
    kind           text        not null check (kind in ('PAIN002','CAMT053')),
    name           text        not null unique,
    statement_date date,
    content        bytea       not null,
    sha256         char(64)    not null,
    created_at     timestamptz not null
);

-- Faults to inject into the next statement that contains the targeted booking (tests and demos).
create table bank.sandbox_fault (
    id             uuid        primary key,
    kind           text        not null check (kind in ('DUPLICATE_LINE','MISSING_LINE','AMOUNT_TYPO')),
    reference      text        not null,
    delta_minor    bigint      not null default 0,
    applied_in     text
);

-- Behaviour set at run time; null means the configured property.
alter table bank.sandbox_control add column value_date_delay_days int check (value_date_delay_days between 0 and 10);
alter table bank.sandbox_control add column fee_minor bigint check (fee_minor >= 0);

-- ---------------------------------------------------------------- the platform's side

-- Instruction files the platform generated: the exact bytes are kept so a re-send is the same file.
create table bank.instruction_file (
    message_id        text        primary key,
    sha256            char(64)    not null,
    content           bytea       not null,
    transaction_count int         not null,
    control_sum_minor bigint      not null,
    currency          char(3)     not null,
    created_at        timestamptz not null,
    delivered_at      timestamptz,
    accepted_count    int,
    rejected_count    int
);

-- Each end-to-end id is sent in exactly one file.
create table bank.instruction_file_item (
    end_to_end_id text primary key,
    message_id    text not null references bank.instruction_file (message_id)
);

-- Documents fetched from the bank (keyed by the bank's sequence); processed once.
create table bank.inbound_document (
    bank_sequence  bigint      primary key,
    kind           text        not null check (kind in ('PAIN002','CAMT053')),
    name           text        not null,
    sha256         char(64)    not null,
    content        bytea       not null,
    fetched_at     timestamptz not null,
    processed_at   timestamptz,
    outcome        text
);
create index inbound_document_unprocessed on bank.inbound_document (bank_sequence) where processed_at is null;

-- Statement files found in the watched folder, claimed by the SHA-256 of their bytes (two instances never both import).
create table bank.watched_file (
    sha256      char(64)    primary key,
    file_name   text        not null,
    claimed_at  timestamptz not null,
    finished_at timestamptz,
    outcome     text        check (outcome in ('PROCESSED','FAILED','DUPLICATE')),
    import_id   uuid,
    error       text
);

-- A debit and its return with the same end-to-end id pair with each other: nothing moved in the ledger.
alter table bank.reconciliation_match drop constraint reconciliation_match_rule_check;
alter table bank.reconciliation_match add constraint reconciliation_match_rule_check
    check (rule in ('END_TO_END_ID','AMOUNT_ACCOUNT_DATE','RETURN_PAIR'));
