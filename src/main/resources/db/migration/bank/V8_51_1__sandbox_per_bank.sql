-- The sandbox custodian bank runs one instance per registered bank (issue 13): its instructions, files, accounts,
-- documents and settings belong to one bank, and the platform's exchange records which bank a file went to and which
-- bank a fetched document came from. Everything that existed before is the DEFAULT bank's.
alter table bank.sandbox_instruction
    add column bank_code text not null default 'DEFAULT' references bank.custodian_bank (code);
create index sandbox_instruction_bank_pending on bank.sandbox_instruction (bank_code, execution_date) where state = 'RECEIVED';
create index sandbox_instruction_bank_recent on bank.sandbox_instruction (bank_code, received_at desc);

alter table bank.sandbox_file
    add column bank_code text not null default 'DEFAULT' references bank.custodian_bank (code);

alter table bank.sandbox_account
    add column bank_code text not null default 'DEFAULT' references bank.custodian_bank (code);

alter table bank.sandbox_document
    add column bank_code text not null default 'DEFAULT' references bank.custodian_bank (code);
create index sandbox_document_bank on bank.sandbox_document (bank_code, sequence);

-- One settings row per bank (created when the bank's sandbox is first used) instead of the single row.
alter table bank.sandbox_control drop constraint sandbox_control_pkey;
alter table bank.sandbox_control drop column id;
alter table bank.sandbox_control
    add column bank_code text not null default 'DEFAULT' references bank.custodian_bank (code);
alter table bank.sandbox_control add primary key (bank_code);

alter table bank.instruction_file
    add column bank_code text not null default 'DEFAULT' references bank.custodian_bank (code);

-- A document's sequence number is its bank's: the key is (bank, sequence).
alter table bank.inbound_document
    add column bank_code text not null default 'DEFAULT' references bank.custodian_bank (code);
alter table bank.inbound_document drop constraint inbound_document_pkey;
alter table bank.inbound_document add primary key (bank_code, bank_sequence);
