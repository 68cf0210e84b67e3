create schema if not exists developers;

create table developers.organizations (
    id                  uuid primary key,
    name                text        not null,
    slug                text        not null unique,
    website             text,
    domain              text,
    domain_token        text,
    verification_status text        not null default 'UNVERIFIED' check (verification_status in ('UNVERIFIED', 'VERIFIED')),
    verification_method text check (verification_method in ('DOMAIN', 'MANUAL')),
    verified_at         timestamptz,
    verified_by         text,
    verification_note   text,
    last_domain_check_at timestamptz,
    last_domain_check_result text,
    created_at          timestamptz not null
);
create unique index organizations_name_key on developers.organizations (lower(name));

create table developers.members (
    organization_id uuid        not null references developers.organizations (id) on delete cascade,
    user_id         uuid        not null,
    role            text        not null check (role in ('OWNER', 'DEVELOPER')),
    joined_at       timestamptz not null,
    primary key (organization_id, user_id)
);
create index members_user_idx on developers.members (user_id);

create table developers.invitations (
    id              uuid primary key,
    organization_id uuid        not null references developers.organizations (id) on delete cascade,
    email           text        not null,
    role            text        not null check (role in ('OWNER', 'DEVELOPER')),
    token_hash      bytea       not null unique,
    invited_by      uuid        not null,
    created_at      timestamptz not null,
    expires_at      timestamptz not null,
    accepted_at     timestamptz,
    accepted_by     uuid,
    revoked_at      timestamptz
);
create index invitations_org_idx on developers.invitations (organization_id);

create table developers.email_verifications (
    token_hash bytea primary key,
    user_id    uuid        not null,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz
);
