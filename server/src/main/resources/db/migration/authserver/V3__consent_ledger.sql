-- The consent ledger: one row per approval on Gatehouse's consent screen. It is evidence, so rows
-- are never changed or deleted (a trigger refuses it). The text is the canonical form of what the
-- screen showed; its SHA-256 is what the page carried, so the row proves what the customer saw.
create table authserver.consent_records (
    id                 uuid primary key,
    installation_id    uuid        not null,
    account_id         uuid        not null,
    app_id             uuid        not null,
    client_id          text        not null,
    user_id            uuid        not null,
    user_email         text        not null,
    scopes             text[]      not null,
    scopes_added       text[]      not null,
    text_sha256        text        not null,
    text               text        not null,
    policy_version     text        not null,
    privacy_policy_url text        not null,
    ip                 text        not null,
    granted_at         timestamptz not null
);
create index consent_records_account_idx on authserver.consent_records (account_id, granted_at desc);
create index consent_records_installation_idx on authserver.consent_records (installation_id);

create function authserver.consent_records_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'consent records are append-only';
end $$;
create trigger consent_records_append_only before update or delete on authserver.consent_records
    for each row execute function authserver.consent_records_append_only();

-- Which installation each user authorization (authorization code grant) acts for: uninstalling
-- revokes exactly these, and tokens carry the installation and account.
create table authserver.installation_authorizations (
    authorization_id varchar(100) primary key,
    installation_id  uuid        not null,
    account_id       uuid        not null,
    created_at       timestamptz not null
);
create index installation_authorizations_installation_idx on authserver.installation_authorizations (installation_id);
