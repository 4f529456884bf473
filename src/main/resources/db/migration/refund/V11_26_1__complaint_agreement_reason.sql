-- A refund the platform makes to carry out a complaint's agreement (an agreed amount, no fee).
alter table refund.refund_request drop constraint refund_request_reason_check;
alter table refund.refund_request add constraint refund_request_reason_check check (reason in
    ('CONSUMER_CHOICE','MERCHANT_CLOSED','MERCHANT_RELOCATED','QUALITY_DROP','EXPIRY','COMPLAINT_AGREEMENT'));
