-- A route can be deprecated, with an optional sunset day: monitoring flags apps that still call it.
alter table gateway.routes add column deprecated boolean not null default false;
alter table gateway.routes add column sunset date;

-- Automatic throttles (a monitoring detector, or an operator): a lower per-minute limit for one
-- app, or for one installation of it, until a time. Every gateway node reads the active ones
-- every few seconds, so a throttle reaches all nodes without a call between them.
create table gateway.throttles (
    id              uuid primary key,
    app_id          uuid        not null,
    installation_id uuid,
    per_minute      int         not null check (per_minute > 0),
    until           timestamptz not null,
    reason          text        not null,
    imposed_by      text        not null,
    imposed_at      timestamptz not null,
    lifted_at       timestamptz
);
create index throttles_active_idx on gateway.throttles (until) where lifted_at is null;
