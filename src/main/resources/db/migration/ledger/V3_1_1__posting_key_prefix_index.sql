-- Readers find a business case's figures by posting-key prefix (`compensation-paid:<caseId>:` ...). The unique index
-- on posting_key uses the database collation, which cannot serve LIKE 'prefix%' unless the collation is C; this one can.
create index transfer_posting_key_prefix on ledger.transfer (posting_key text_pattern_ops);
