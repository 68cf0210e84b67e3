create schema if not exists incidents;

-- A breach report. Whether the developer reported it themselves, and when the platform learnt of it,
-- are facts the 72-hour clock and enforcement rest on: written once, never changed (the trigger
-- below refuses it, whatever the code does).
create sequence incidents.reference_seq;
create table incidents.incidents (
    id                     uuid primary key,
    reference              text        not null unique,
    title                  text        not null,
    status                 text        not null check (status in ('OPEN', 'CLOSED')),
    self_reported          boolean     not null,
    platform_aware_at      timestamptz not null,
    reported_by            text        not null,
    reported_by_user_id    uuid,
    organization_id        uuid,
    source_finding         text,
    discovered_at          timestamptz not null,
    window_from            timestamptz not null,
    window_to              timestamptz not null,
    data_categories        text[]      not null,
    description            text        not null,
    containment            text        not null,
    contact                text        not null,
    authority_notified_at  timestamptz,
    authority_reference    text,
    customers_notified_at  timestamptz,
    authority_overdue_at   timestamptz,
    customers_overdue_at   timestamptz,
    closed_at              timestamptz,
    closure_note           text,
    updated_at             timestamptz not null,
    check (window_from < window_to)
);
create index incidents_open_idx on incidents.incidents (platform_aware_at) where status = 'OPEN';
create index incidents_organization_idx on incidents.incidents (organization_id, platform_aware_at desc);

create function incidents.keep_intake_facts() returns trigger language plpgsql as $$
begin
    if new.self_reported is distinct from old.self_reported
       or new.platform_aware_at is distinct from old.platform_aware_at
       or new.reported_by is distinct from old.reported_by
       or new.reference is distinct from old.reference then
        raise exception 'incidents: self_reported, platform_aware_at, reported_by and reference are never changed'
            using errcode = 'check_violation';
    end if;
    return new;
end $$;
create trigger incidents_keep_intake_facts before update on incidents.incidents
    for each row execute function incidents.keep_intake_facts();

create table incidents.incident_apps (
    incident_id uuid not null references incidents.incidents (id),
    app_id      uuid not null,
    primary key (incident_id, app_id)
);
create index incident_apps_app_idx on incidents.incident_apps (app_id);

-- The blast radius as computed at a time for a window. A new window makes a new snapshot; the old
-- ones stay (current = false), so the dossier shows what was known when.
create table incidents.snapshots (
    id           uuid primary key,
    incident_id  uuid        not null references incidents.incidents (id),
    computed_at  timestamptz not null,
    computed_by  text        not null,
    window_from  timestamptz not null,
    window_to    timestamptz not null,
    current      boolean     not null,
    accounts     int         not null,
    subjects     bigint      not null,
    touches      bigint      not null,
    millis       bigint      not null
);
create unique index snapshots_current_idx on incidents.snapshots (incident_id) where current;
create index snapshots_incident_idx on incidents.snapshots (incident_id, computed_at);

create table incidents.snapshot_accounts (
    snapshot_id           uuid   not null references incidents.snapshots (id),
    customer_account_id   uuid   not null,
    subjects              bigint not null,
    touches               bigint not null,
    subjects_per_category jsonb  not null,
    primary key (snapshot_id, customer_account_id)
);

create table incidents.snapshot_subjects (
    snapshot_id         uuid   not null references incidents.snapshots (id),
    customer_account_id uuid   not null,
    subject_id          text   not null,
    touches             bigint not null,
    data_categories     text[] not null,
    app_ids             uuid[] not null,
    primary key (snapshot_id, customer_account_id, subject_id)
);

-- The notice the operator reviews and sends. One draft per incident at a time; a sent campaign is
-- kept as sent, and a later window (new accounts) needs a new one.
create table incidents.campaigns (
    id           uuid primary key,
    incident_id  uuid        not null references incidents.incidents (id),
    subject      text        not null,
    body         text        not null,
    status       text        not null check (status in ('DRAFT', 'SENT')),
    created_at   timestamptz not null,
    created_by   text        not null,
    updated_at   timestamptz not null,
    sent_at      timestamptz,
    sent_by      text,
    snapshot_id  uuid references incidents.snapshots (id)
);
create unique index campaigns_draft_idx on incidents.campaigns (incident_id) where status = 'DRAFT';

-- One customer admin told about the incident: the mail (outbox message) and the in-app item, and
-- whether they read it (opened the tracked link, from the mail or the inbox).
create table incidents.notices (
    id                  uuid primary key,
    campaign_id         uuid        not null references incidents.campaigns (id),
    incident_id         uuid        not null references incidents.incidents (id),
    customer_account_id uuid        not null,
    user_id             uuid        not null,
    email               text        not null,
    subject             text        not null,
    body                text        not null,
    message_id          uuid,
    status              text        not null check (status in ('QUEUED', 'SENT', 'FAILED', 'READ')),
    queued_at           timestamptz not null,
    sent_at             timestamptz,
    failed_at           timestamptz,
    last_error          text,
    read_at             timestamptz,
    unique (incident_id, customer_account_id, user_id)
);
create index notices_incident_idx on incidents.notices (incident_id, customer_account_id);
create index notices_pending_idx on incidents.notices (queued_at) where status = 'QUEUED';
create index notices_account_idx on incidents.notices (customer_account_id, incident_id);

-- Everything done to an incident, in order: append-only (the trigger refuses updates and deletes).
create table incidents.timeline (
    id          bigserial primary key,
    incident_id uuid        not null references incidents.incidents (id),
    occurred_at timestamptz not null,
    type        text        not null,
    actor       text        not null,
    detail      text
);
create index timeline_incident_idx on incidents.timeline (incident_id, id);

create function incidents.append_only() returns trigger language plpgsql as $$
begin
    raise exception 'incidents.timeline is append-only' using errcode = 'check_violation';
end $$;
create trigger timeline_append_only before update or delete on incidents.timeline
    for each row execute function incidents.append_only();
