-- Risk-data providers (tax, social insurance, utilities, courts, credit lists, 12315) push feeds with API keys issued
-- to a DATA_PROVIDER system user.
alter table identity.user_account drop constraint user_account_role_check;
alter table identity.user_account add constraint user_account_role_check
    check (role in ('CONSUMER','MERCHANT_OWNER','MERCHANT_STAFF','OPERATOR','BANK','INSURER','REGULATOR','ASSOCIATION',
                    'DATA_PROVIDER'));
