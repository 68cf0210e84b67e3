-- Self-service sign-ups must prove their mailbox before they can log in. Accounts made by an
-- operator or by seeding count as verified.
alter table identity.users add column email_verified_at timestamptz;
update identity.users set email_verified_at = created_at;
