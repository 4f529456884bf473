-- Published for the oversight module's quarterly statements: complaints filed per merchant and Asia/Shanghai day
-- (counts only, never contents).
create view complaint.merchant_day_complaints as
    select merchant_id, (filed_at at time zone 'Asia/Shanghai')::date as day, count(*) as complaints
      from complaint.complaint_case
     group by merchant_id, (filed_at at time zone 'Asia/Shanghai')::date;
