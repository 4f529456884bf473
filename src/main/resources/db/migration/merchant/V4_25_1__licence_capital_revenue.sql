-- Business facts some rules need (Shanghai: 100 % escrow for a business younger than a year or a prepaid balance above
-- 20 % of prior-year revenue; Siping: no prepaid sales in the first 6 months after licensing). Null = not declared
-- (merchants onboarded before these were asked for). Amounts in fen (CNY).
alter table merchant.merchant
    add column licensed_on              date,
    add column registered_capital_minor bigint check (registered_capital_minor >= 0),
    add column prior_year_revenue_minor bigint check (prior_year_revenue_minor >= 0),
    add column revenue_year             int    check (revenue_year between 1900 and 9999),
    add constraint merchant_revenue_has_year check ((prior_year_revenue_minor is null) = (revenue_year is null));
