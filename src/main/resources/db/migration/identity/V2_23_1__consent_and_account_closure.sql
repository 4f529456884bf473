-- PIPL: consent and its purpose, recorded when a consumer signs up and when a real name is verified (sensitive data);
-- kept after an account is closed (proof of what was agreed), marked withdrawn.
create table identity.consent (
    id             uuid primary key,
    user_id        uuid        not null references identity.user_account (id),
    purpose        text        not null check (purpose in ('ACCOUNT', 'REAL_NAME')),
    policy_version text        not null,
    given_at       timestamptz not null,
    withdrawn_at   timestamptz
);
create index consent_user on identity.consent (user_id);

-- A closed account keeps its row (its id is in the ledger and the audit trail) with the identity anonymised.
alter table identity.user_account add column closed_at timestamptz;

-- Retention: old one-time codes, SMS copies and login failures are deleted by the identity-retention job.
create index otp_challenge_created_at on identity.otp_challenge (created_at);
create index login_failure_failed_at on identity.login_failure (failed_at);
