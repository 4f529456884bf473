-- A statement's lines and matches are written by its import in one transaction, a million at a time. Their foreign
-- keys (line -> import, match -> line, match -> run) cost one index probe and one row lock per row, more than writing
-- the rows themselves (issue 15). The import checks them once per statement instead (StatementImport: every line
-- carries the import just inserted; ReconciliationRepository.requireMatchesOnOwnLines: every match names a line of the
-- same import and the run of that import), and the rows these keys pointed at are never deleted (triggers below).
alter table bank.statement_line drop constraint statement_line_import_id_fkey;
alter table bank.reconciliation_match drop constraint reconciliation_match_line_id_fkey;
alter table bank.reconciliation_match drop constraint reconciliation_match_run_id_fkey;

create function bank.reconciliation_record_kept() returns trigger language plpgsql as $$
begin
    raise exception '% rows are kept: a statement, its lines and its run are never deleted', tg_table_name
        using errcode = 'restrict_violation';
end
$$;
create trigger statement_import_kept before delete or truncate on bank.statement_import
    for each statement execute function bank.reconciliation_record_kept();
create trigger statement_line_kept before delete or truncate on bank.statement_line
    for each statement execute function bank.reconciliation_record_kept();
create trigger reconciliation_run_kept before delete or truncate on bank.reconciliation_run
    for each statement execute function bank.reconciliation_record_kept();
