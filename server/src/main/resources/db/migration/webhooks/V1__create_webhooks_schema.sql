create schema if not exists webhooks;

-- One endpoint per app: the webhook URL of its live revision, and how it has been answering.
create table webhooks.endpoints (
    app_id               uuid primary key,
    status               text        not null check (status in ('ENABLED', 'DISABLED')),
    disabled_reason      text,
    disabled_at          timestamptz,
    consecutive_failures integer     not null default 0,
    last_success_at      timestamptz,
    last_failure_at      timestamptz,
    exhausted_count      integer     not null default 0,
    updated_at           timestamptz not null
);

-- The outbox: a delivery is written in the transaction of the change that caused it. Workers on
-- any node claim due rows with a lease (row locks, SKIP LOCKED): a node that dies mid-send leaves
-- a lease that runs out, and the next claim sends the same message (same webhook-id) again.
create table webhooks.deliveries (
    id              text primary key,
    app_id          uuid        not null,
    event_type      text        not null,
    payload         text        not null,
    status          text        not null check (status in ('PENDING', 'DELIVERED', 'EXHAUSTED', 'CANCELLED')),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    lease_until     timestamptz,
    created_at      timestamptz not null,
    finished_at     timestamptz,
    last_status     integer,
    last_error      text
);
create index deliveries_due_idx on webhooks.deliveries (next_attempt_at) where status = 'PENDING';
create index deliveries_app_idx on webhooks.deliveries (app_id, created_at desc);

-- Every attempt, for the delivery log developers and operators read.
create table webhooks.attempts (
    id               bigserial primary key,
    delivery_id      text        not null references webhooks.deliveries (id) on delete cascade,
    attempt          integer     not null,
    attempted_at     timestamptz not null,
    url              text        not null,
    status_code      integer,
    latency_ms       integer     not null,
    error            text,
    response_excerpt text
);
create index attempts_delivery_idx on webhooks.attempts (delivery_id, attempt);
