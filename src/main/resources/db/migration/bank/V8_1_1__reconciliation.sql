-- Daily reconciliation: imported bank statements, the runs that matched them against the ledger's escrow entries,
-- and the breaks operators work until approved. The platform's side (unlike the sandbox_* tables, the bank's side).

-- Each merchant's supervised escrow sub-account number at the custodian bank, assigned on first use.
create sequence bank.custody_sub_account_seq start 1;
create table bank.custody_sub_account (
    merchant_id    uuid        primary key,
    account_number text        not null unique check (account_number ~ '^[A-Z0-9]{4,34}$'),
    assigned_at    timestamptz not null
);

-- One uploaded file; the SHA-256 of its bytes refuses the same file twice.
create table bank.statement_import (
    id          uuid        primary key,
    sha256      char(64)    not null unique,
    format      text        not null check (format in ('CAMT053','CSV')),
    file_name   text,
    from_date   date        not null,
    to_date     date        not null check (to_date >= from_date),
    line_count  int         not null check (line_count >= 0),
    imported_by uuid        not null,
    imported_at timestamptz not null
);

-- Per account in the file: the bank's opening and closing booked balances (CSV files carry none).
create table bank.statement_balance (
    import_id      uuid    not null references bank.statement_import (id),
    statement_id   text    not null,
    account_number text    not null,
    from_date      date    not null,
    to_date        date    not null,
    opening_minor  bigint  not null,
    closing_minor  bigint  not null,
    currency       char(3) not null,
    primary key (import_id, statement_id)
);
create index statement_balance_day on bank.statement_balance (account_number, to_date);

create table bank.statement_line (
    id             uuid    primary key,
    import_id      uuid    not null references bank.statement_import (id),
    position       int     not null,
    line_id        text    not null,
    account_number text    not null,
    booking_date   date    not null,
    value_date     date    not null,
    amount_minor   bigint  not null,
    currency       char(3) not null,
    end_to_end_id  text,
    bank_reference text    not null,
    description    text    not null,
    unique (import_id, position)
);

create table bank.reconciliation_run (
    id               uuid        primary key,
    import_id        uuid        not null unique references bank.statement_import (id),
    ran_at           timestamptz not null,
    line_count       int         not null,
    movement_count   int         not null,
    match_count      int         not null,
    break_count      int         not null,
    rate_basis_points int        not null check (rate_basis_points between 0 and 10000)
);
create index reconciliation_run_recent on bank.reconciliation_run (ran_at desc);

create table bank.reconciliation_match (
    run_id         uuid not null references bank.reconciliation_run (id),
    line_id        uuid not null unique references bank.statement_line (id),
    movement_id    text not null,
    rule           text not null check (rule in ('END_TO_END_ID','AMOUNT_ACCOUNT_DATE')),
    primary key (run_id, movement_id)
);

-- A break is worked OPEN -> ASSIGNED -> EXPLAINED -> RESOLVED -> APPROVED; the approver is never the resolver.
create table bank.reconciliation_break (
    id                     uuid        primary key,
    run_id                 uuid        not null references bank.reconciliation_run (id),
    kind                   text        not null check (kind in ('BANK_ONLY','LEDGER_ONLY','AMOUNT_MISMATCH','DATE_MISMATCH','DUPLICATE')),
    line_id                uuid        references bank.statement_line (id),
    movement_id            text,
    account_number         text        not null,
    break_date             date        not null,
    amount_minor           bigint      not null,
    currency               char(3)     not null,
    detail                 text        not null,
    status                 text        not null check (status in ('OPEN','ASSIGNED','EXPLAINED','RESOLVED','APPROVED')),
    assignee               uuid,
    explanation            text,
    resolved_by            uuid,
    correcting_transfer_id uuid,
    approved_by            uuid,
    updated_at             timestamptz not null,
    check (line_id is not null or movement_id is not null),
    check (approved_by is null or approved_by <> resolved_by),
    check ((status in ('RESOLVED','APPROVED')) = (resolved_by is not null))
);
create index reconciliation_break_run on bank.reconciliation_break (run_id);
create index reconciliation_break_open on bank.reconciliation_break (account_number, break_date) where status <> 'APPROVED';
