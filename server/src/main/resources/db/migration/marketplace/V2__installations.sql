-- An installation is a customer admin's consent, for the whole account, to let one app act on the
-- scopes listed. At most one active installation per account and app; uninstalled ones stay as
-- history (the consent ledger and the access log point at them).
create table marketplace.installations (
    id              uuid primary key,
    account_id      uuid        not null references marketplace.customer_accounts (id),
    app_id          uuid        not null,
    scopes          text[]      not null,
    status          text        not null check (status in ('ACTIVE', 'UNINSTALLED')),
    installed_at    timestamptz not null,
    installed_by    uuid        not null,
    updated_at      timestamptz not null,
    uninstalled_at  timestamptz,
    uninstalled_by  uuid,
    check ((status = 'UNINSTALLED') = (uninstalled_at is not null))
);
create unique index installations_one_active on marketplace.installations (account_id, app_id) where status = 'ACTIVE';
create index installations_app_idx on marketplace.installations (app_id) where status = 'ACTIVE';
