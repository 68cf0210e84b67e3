create schema if not exists apps;

-- The operator's scope catalogue: what an app may ask for, in the words the consent screen shows.
create table apps.scopes (
    name            text primary key check (name ~ '^[a-z][a-z0-9_.:-]{1,63}$'),
    description     text        not null,
    tier            text        not null check (tier in ('BASIC', 'SENSITIVE', 'RESTRICTED')),
    data_categories text[]      not null default '{}',
    consent_bearing boolean     not null default false,
    payment         boolean     not null default false,
    created_at      timestamptz not null,
    retired_at      timestamptz
);

create table apps.apps (
    id                uuid primary key,
    organization_id   uuid        not null,
    name              text        not null,
    slug              text        not null unique,
    app_type          text        not null,
    status            text        not null check (status in ('DRAFT', 'SUBMITTED', 'IN_REVIEW', 'CHANGES_REQUESTED',
                                                        'APPROVED', 'PUBLISHED', 'SUSPENDED', 'BLOCKED', 'RETIRED')),
    live_revision_id  uuid,
    draft_revision_id uuid,
    created_at        timestamptz not null,
    created_by        uuid        not null,
    status_changed_at timestamptz not null
);
create unique index apps_name_key on apps.apps (lower(name)) where status <> 'RETIRED';
create index apps_org_idx on apps.apps (organization_id);
create index apps_status_idx on apps.apps (status);

-- One revision per reviewed change. The live revision stays in force while a newer one is reviewed.
create table apps.revisions (
    id            uuid primary key,
    app_id        uuid        not null references apps.apps (id) on delete cascade,
    number        integer     not null,
    state         text        not null check (state in ('DRAFT', 'SUBMITTED', 'IN_REVIEW', 'CHANGES_REQUESTED',
                                                        'APPROVED', 'SUPERSEDED', 'WITHDRAWN')),
    listing       jsonb       not null,
    redirect_uris text[]      not null default '{}',
    webhook_url   text,
    data_use      jsonb       not null,
    security      jsonb       not null,
    logo_sha256   text,
    created_at    timestamptz not null,
    submitted_at  timestamptz,
    decided_at    timestamptz,
    unique (app_id, number)
);

create table apps.revision_scopes (
    revision_id   uuid not null references apps.revisions (id) on delete cascade,
    scope         text not null references apps.scopes (name),
    justification text not null,
    evidence      text,
    primary key (revision_id, scope)
);

create table apps.subprocessors (
    id              uuid primary key,
    app_id          uuid        not null references apps.apps (id) on delete cascade,
    name            text        not null,
    purpose         text        not null,
    country         text        not null,
    data_categories text[]      not null,
    status          text        not null check (status in ('PENDING', 'APPROVED', 'REJECTED', 'REMOVED')),
    created_at      timestamptz not null,
    decided_at      timestamptz,
    decided_by      text,
    decision_note   text
);
create index subprocessors_app_idx on apps.subprocessors (app_id);
create index subprocessors_pending_idx on apps.subprocessors (status) where status = 'PENDING';

create table apps.logos (
    app_id      uuid        not null references apps.apps (id) on delete cascade,
    sha256      text        not null,
    png         bytea       not null,
    width       integer     not null,
    height      integer     not null,
    uploaded_at timestamptz not null,
    primary key (app_id, sha256)
);

-- OAuth clients: a sandbox client from the start, a production client once approved.
create table apps.credentials (
    id          uuid primary key,
    app_id      uuid        not null references apps.apps (id) on delete cascade,
    environment text        not null check (environment in ('SANDBOX', 'PRODUCTION')),
    client_id   text        not null unique,
    created_at  timestamptz not null,
    revoked_at  timestamptz,
    unique (app_id, environment)
);

create table apps.client_secrets (
    id            uuid primary key,
    credential_id uuid        not null references apps.credentials (id) on delete cascade,
    digest        bytea       not null,
    prefix        text        not null,
    created_at    timestamptz not null,
    expires_at    timestamptz
);
create index client_secrets_credential_idx on apps.client_secrets (credential_id);

-- Standard Webhooks signing secrets, encrypted at rest; two are active while one is rotated out.
create table apps.webhook_secrets (
    id         uuid primary key,
    app_id     uuid        not null references apps.apps (id) on delete cascade,
    ciphertext bytea       not null,
    created_at timestamptz not null,
    expires_at timestamptz
);
create index webhook_secrets_app_idx on apps.webhook_secrets (app_id);

-- Every status change with who, when and why, for the operator's history view.
create table apps.history (
    id          bigint generated always as identity primary key,
    app_id      uuid        not null references apps.apps (id) on delete cascade,
    occurred_at timestamptz not null,
    actor       text        not null,
    action      text        not null,
    from_status text,
    to_status   text,
    note        text
);
create index history_app_idx on apps.history (app_id, occurred_at);
