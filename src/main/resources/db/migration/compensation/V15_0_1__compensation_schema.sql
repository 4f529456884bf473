-- Compensation became its own module (org.fangxin.compensation) and owns its tables in its own schema. The tables were
-- created in protection's schema (V13_2_1, V13_2_2, V13_4_1); moving them keeps their rows, keys, indexes and
-- constraints, so a database migrated by the earlier release keeps working.
create schema if not exists compensation;
alter table protection.compensation_batch set schema compensation;
alter table protection.compensation_line set schema compensation;
alter table protection.compensation_successor set schema compensation;

-- Event publications not yet completed name the old classes (listener id = class and method, event type = class):
-- point them at the moved ones, so a restart resubmits them to the listeners that exist now. The table is created by
-- Spring Modulith at start-up, so on a new database it may not exist yet.
do $$
begin
    if to_regclass('event_publication') is not null then
        update event_publication
           set listener_id = replace(listener_id, 'org.fangxin.protection.compensation.CompensationListeners.',
                                     'org.fangxin.compensation.batch.CompensationListeners.')
         where listener_id like 'org.fangxin.protection.compensation.CompensationListeners.%';
        update event_publication
           set listener_id = 'org.fangxin.insurance.ClaimFiler.on(org.fangxin.compensation.CompensationCompleted)'
         where listener_id = 'org.fangxin.protection.claims.ClaimFiler.on(org.fangxin.protection.CompensationCompleted)';
        update event_publication set event_type = 'org.fangxin.compensation.CompensationCompleted'
         where event_type = 'org.fangxin.protection.CompensationCompleted';
    end if;
end
$$;
