create schema if not exists accesslog;

-- Every call through the gateway: append-only, the largest table. Range-partitioned by day (UTC) so
-- retention drops whole partitions instead of deleting rows, and queries over a window touch only
-- its days. Partitions are created ahead by accesslog.internal.PartitionMaintenance (and by the
-- writer for a day it finds missing), so there is no default partition.
-- No primary key: the gateway's call id is a random UUID, and a unique index across partitions
-- would have to include occurred_at and cost every insert.
create table accesslog.api_calls (
    id                  uuid        not null,
    occurred_at         timestamptz not null,
    app_id              uuid,
    client_id           text,
    installation_id     uuid,
    customer_account_id uuid,
    route_id            text,
    method              text        not null,
    path                text        not null,
    status              int         not null,
    latency_micros      bigint      not null,
    request_bytes       bigint      not null,
    response_bytes      bigint      not null,
    scopes              text[]      not null,
    data_categories     text[]      not null,
    subject_ids         text[]      not null,
    -- text, not inet: whatever the gateway saw is kept, and a malformed address cannot fail a batch.
    client_address      text,
    rejection           text
) partition by range (occurred_at);

-- Few indexes on purpose: each one costs every batch. These serve the per-app, per-account and
-- per-installation views; the time-only views scan their day partitions.
create index api_calls_app_idx on accesslog.api_calls (app_id, occurred_at);
create index api_calls_account_idx on accesslog.api_calls (customer_account_id, occurred_at);
create index api_calls_installation_idx on accesslog.api_calls (installation_id, occurred_at);

-- Data lineage: one row per (call, data subject) for calls made on behalf of a customer account.
-- Answers "which apps touched subject S of account A between T1 and T2" and "which subjects did
-- app X touch" (an incident's blast radius) without unnesting the call table.
create table accesslog.subject_touches (
    customer_account_id uuid        not null,
    subject_id          text        not null,
    occurred_at         timestamptz not null,
    app_id              uuid,
    installation_id     uuid,
    call_id             uuid        not null,
    data_categories     text[]      not null
) partition by range (occurred_at);

create index subject_touches_subject_idx on accesslog.subject_touches (customer_account_id, subject_id, occurred_at);
create index subject_touches_app_idx on accesslog.subject_touches (app_id, occurred_at);
