create schema if not exists monitoring;

-- One row per detector job: the row lock claims a run, so of many nodes one runs the detectors
-- and the others skip until the interval has passed.
create table monitoring.schedule (
    name            text primary key,
    last_started_at timestamptz
);
insert into monitoring.schedule (name) values ('detectors');

-- Each detector's outcome in each run: how long it took and what it found.
create table monitoring.detector_runs (
    id          uuid primary key,
    run_id      uuid        not null,
    detector    text        not null,
    started_at  timestamptz not null,
    millis      bigint      not null,
    findings    int         not null,
    error       text,
    triggered_by text       not null
);
create index detector_runs_started_idx on monitoring.detector_runs (started_at desc);

-- Least privilege per live app: the scopes granted against those used, and the smaller set
-- suggested. Rewritten by every run; the developer dashboard reads it.
create table monitoring.scope_suggestions (
    app_id       uuid primary key,
    granted      text[]      not null,
    used_30_days text[]      not null,
    used_90_days text[]      not null,
    unused       text[]      not null,
    suggested    text[]      not null,
    unused_days  int         not null,
    live_since   timestamptz,
    computed_at  timestamptz not null
);
