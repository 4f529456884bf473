-- Each merchant has two supervised sub-accounts under the platform's custody account: escrow (FX + 10 digits, as
-- assigned for reconciliation) and risk deposit (FD + the same 10 digits). The deposit number is derived from the
-- escrow number by the database, so it is deterministic, stored, and present for every row old and new.
alter table bank.custody_sub_account
    add column deposit_account_number text generated always as ('FD' || substr(account_number, 3)) stored;
create unique index custody_sub_account_deposit on bank.custody_sub_account (deposit_account_number);
