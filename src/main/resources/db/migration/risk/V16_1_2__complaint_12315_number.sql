-- A complaint the complaint module imported from 12315 keeps its 12315 number, so the same complaint in a provider's
-- COMPLAINT_12315 feed (reference = the 12315 number) counts once in the risk score.
alter table risk.complaint add column ref_12315 text;
create index complaint_12315 on risk.complaint (merchant_id, ref_12315) where ref_12315 is not null;
