create schema if not exists gateway;

-- Routes an operator added in the UI (routes from configuration are not stored here).
create table gateway.routes (
    id                    text primary key check (id ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
    method                text        not null,
    path                  text        not null,
    upstream              text        not null,
    scopes                text[]      not null,
    data_categories       text[]      not null,
    subject_header        boolean     not null,
    subject_path_variables text[]     not null,
    requires_installation boolean     not null,
    updated_at            timestamptz not null,
    updated_by            text        not null
);

-- The revocation set every gateway node keeps in memory and refreshes within a second: tokens
-- issued before not_before for the subject are refused (an app suspended, an installation
-- removed), or the single token named by its jti. A row is needed only while such tokens could
-- still be unexpired, so rows expire and are purged.
create table gateway.revocations (
    kind        text        not null check (kind in ('token', 'app', 'installation', 'client')),
    subject     text        not null,
    not_before  timestamptz not null,
    expires_at  timestamptz not null,
    reason      text        not null,
    recorded_at timestamptz not null default clock_timestamp(),
    primary key (kind, subject)
);
create index revocations_recorded_idx on gateway.revocations (recorded_at);
create index revocations_expiry_idx on gateway.revocations (expires_at);
