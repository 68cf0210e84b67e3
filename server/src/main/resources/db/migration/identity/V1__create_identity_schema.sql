create schema if not exists identity;

create table identity.users (
    id                   uuid primary key,
    email                text        not null,
    display_name         text        not null,
    kind                 text        not null check (kind in ('OPERATOR', 'DEVELOPER', 'CUSTOMER')),
    roles                text[]      not null default '{}',
    password_hash        text        not null,
    enabled              boolean     not null default true,
    must_change_password boolean     not null default false,
    totp_secret          bytea,
    totp_enabled_at      timestamptz,
    totp_last_step       bigint,
    created_at           timestamptz not null,
    updated_at           timestamptz not null
);
create unique index users_email_key on identity.users (lower(email));

create table identity.recovery_codes (
    user_id   uuid        not null references identity.users (id) on delete cascade,
    code_hash bytea       not null,
    created_at timestamptz not null,
    used_at   timestamptz,
    primary key (user_id, code_hash)
);

create table identity.login_events (
    id          bigint generated always as identity primary key,
    occurred_at timestamptz not null,
    user_id     uuid references identity.users (id) on delete set null,
    username    text        not null,
    type        text        not null,
    reason      text,
    ip          text,
    user_agent  text
);
create index login_events_user_idx on identity.login_events (user_id, occurred_at desc);
create index login_events_time_idx on identity.login_events (occurred_at desc);

-- Failed-login counters per account and per client address, shared by every node.
create table identity.login_throttle (
    key             text primary key,
    failures        integer     not null,
    last_failure_at timestamptz not null,
    locked_until    timestamptz
);

create table identity.access_tokens (
    id           uuid primary key,
    public_id    text        not null unique,
    user_id      uuid        not null references identity.users (id) on delete cascade,
    name         text        not null,
    secret_hash  bytea       not null,
    scopes       text[]      not null,
    created_at   timestamptz not null,
    expires_at   timestamptz not null,
    last_used_at timestamptz,
    revoked_at   timestamptz
);
create index access_tokens_user_idx on identity.access_tokens (user_id);

-- Spring Session JDBC: sessions live in PostgreSQL so any node can serve any request and
-- disabling a user can end every session they have.
create table identity.spring_session (
    primary_id            char(36) not null,
    session_id            char(36) not null,
    creation_time         bigint   not null,
    last_access_time      bigint   not null,
    max_inactive_interval int      not null,
    expiry_time           bigint   not null,
    principal_name        varchar(320),
    constraint spring_session_pk primary key (primary_id)
);
create unique index spring_session_ix1 on identity.spring_session (session_id);
create index spring_session_ix2 on identity.spring_session (expiry_time);
create index spring_session_ix3 on identity.spring_session (principal_name);

create table identity.spring_session_attributes (
    session_primary_id char(36)     not null,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea        not null,
    constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint spring_session_attributes_fk foreign key (session_primary_id) references identity.spring_session (primary_id) on delete cascade
);
