-- The suspicion watch opens cases on its own (redemptions stopped, confirmations failing): source AUTOMATIC.
alter table protection.closure_case drop constraint closure_case_source_check;
alter table protection.closure_case add constraint closure_case_source_check
    check (source in ('ANNOUNCED', 'MARKED', 'REPORTS', 'AUTOMATIC'));
