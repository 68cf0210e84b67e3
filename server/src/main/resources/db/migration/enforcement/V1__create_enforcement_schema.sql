create schema if not exists enforcement;

create table enforcement.findings (
    id           uuid primary key,
    clause_id    text        not null,
    subject_type text        not null check (subject_type in ('app', 'organization')),
    subject_id   text        not null,
    source       text        not null,
    dedup_key    text        not null,
    summary      text        not null,
    evidence     jsonb       not null,
    status       text        not null check (status in ('OPEN', 'RESOLVED', 'DISMISSED')),
    found_at     timestamptz not null,
    closed_at    timestamptz,
    closed_reason text
);
create index findings_status_idx on enforcement.findings (status, found_at desc);
create index findings_subject_idx on enforcement.findings (subject_type, subject_id);
-- One open finding per subject and cause: a check that fails every night does not pile up rows.
create unique index findings_open_dedup on enforcement.findings (subject_type, subject_id, dedup_key) where status = 'OPEN';
