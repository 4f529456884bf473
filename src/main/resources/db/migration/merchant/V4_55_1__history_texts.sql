-- A history line's generated texts as message keys and arguments (ADR 11), so each reader sees them in their own
-- language: what changed (flags set or cleared, business facts, the settlement account) and, when the platform made
-- the change (a risk-data feed), why. The typed reason of a person stays in reason, as written. Older lines keep
-- their reason text only.
alter table merchant.status_history
    add column detail_key  text,
    add column detail_args text[] not null default '{}',
    add column reason_key  text,
    add column reason_args text[] not null default '{}';
