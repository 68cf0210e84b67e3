create schema if not exists review;

-- One run of the automated checks of the pack in force against one revision of an app. Runs are
-- queued by a page, a submission or the nightly schedule and claimed by a worker (SKIP LOCKED), so
-- no request thread waits for the network and no two nodes run the same one.
create table review.check_runs (
    id              uuid primary key,
    app_id          uuid        not null,
    revision_id     uuid        not null,
    revision_number int         not null,
    trigger         text        not null check (trigger in ('SUBMISSION', 'SCHEDULE', 'ON_DEMAND', 'AUDIT')),
    status          text        not null check (status in ('QUEUED', 'RUNNING', 'DONE')),
    requested_by    text        not null,
    requested_at    timestamptz not null,
    started_at      timestamptz,
    finished_at     timestamptz,
    pack_id         text,
    pack_version    text,
    -- the nightly schedule's key (one run per app and night, whichever node queues it first)
    schedule_key    text unique
);
create index check_runs_app_idx on review.check_runs (app_id, requested_at desc);
create index check_runs_queued_idx on review.check_runs (requested_at) where status = 'QUEUED';

-- What one check found for one clause: kept for good, so the compliance report shows the history.
create table review.check_results (
    id           uuid primary key,
    run_id       uuid        not null references review.check_runs (id),
    app_id       uuid        not null,
    clause_id    text        not null,
    mechanism_id text        not null,
    outcome      text        not null check (outcome in ('PASS', 'FAIL', 'NOT_APPLICABLE', 'ERROR')),
    summary      text        not null,
    evidence     jsonb       not null,
    checked_at   timestamptz not null
);
create index check_results_run_idx on review.check_results (run_id);
create index check_results_app_idx on review.check_results (app_id, clause_id, checked_at desc);

-- Since when a listed URL has been failing on the scheduled runs (cleared when it answers again).
create table review.url_failures (
    app_id        uuid        not null,
    field         text        not null,
    url           text        not null,
    failing_since timestamptz not null,
    last_failure  timestamptz not null,
    reported_at   timestamptz,
    primary key (app_id, field)
);

-- The review of one submitted revision: queue, assignment, decision.
create table review.reviews (
    id               uuid primary key,
    app_id           uuid        not null,
    revision_id      uuid        not null,
    revision_number  int         not null,
    -- the revision's content as submitted, flattened to field -> text; what changed since the
    -- previous decided review (previous_review_id) is shown to the reviewer
    snapshot         jsonb       not null,
    previous_review_id uuid,
    status           text        not null check (status in ('WAITING', 'IN_REVIEW', 'CHANGES_REQUESTED', 'APPROVED', 'REJECTED', 'WITHDRAWN')),
    submitted_at     timestamptz not null,
    assignee         text,
    assigned_at      timestamptz,
    started_at       timestamptz,
    decided_at       timestamptz,
    decided_by       text,
    decision_note    text,
    changes_due_at   timestamptz
);
create unique index reviews_one_open_idx on review.reviews (revision_id) where status in ('WAITING', 'IN_REVIEW');
create index reviews_open_idx on review.reviews (submitted_at) where status in ('WAITING', 'IN_REVIEW');
create index reviews_app_idx on review.reviews (app_id, submitted_at desc);

-- A checklist line marked by a person, in a review or an audit (one of the two).
create table review.marks (
    id         uuid primary key,
    review_id  uuid references review.reviews (id),
    audit_id   uuid,
    clause_id  text        not null,
    mark       text        not null check (mark in ('PASS', 'FAIL', 'NOT_APPLICABLE')),
    note       text,
    marked_by  text        not null,
    marked_at  timestamptz not null,
    check ((review_id is null) <> (audit_id is null))
);
create unique index marks_review_clause_idx on review.marks (review_id, clause_id) where review_id is not null;
create unique index marks_audit_clause_idx on review.marks (audit_id, clause_id) where audit_id is not null;

-- A change the reviewer requires, with its deadline, and the developer's answer.
create table review.required_changes (
    id           uuid primary key,
    review_id    uuid        not null references review.reviews (id),
    app_id       uuid        not null,
    position     int         not null,
    clause_id    text,
    text         text        not null,
    due_at       timestamptz not null,
    response     text,
    responded_at timestamptz,
    responded_by text,
    created_at   timestamptz not null
);
create index required_changes_review_idx on review.required_changes (review_id);

-- A periodic or on-demand audit of a live app.
create table review.audits (
    id           uuid primary key,
    app_id       uuid        not null,
    tier         text        not null check (tier in ('BASIC', 'SENSITIVE', 'RESTRICTED')),
    reason       text        not null check (reason in ('SCHEDULED', 'ON_DEMAND')),
    status       text        not null check (status in ('OPEN', 'CLOSED')),
    opened_at    timestamptz not null,
    opened_by    text        not null,
    due_at       timestamptz not null,
    outcome      text check (outcome in ('PASSED', 'PASSED_WITH_FINDINGS', 'FAILED')),
    outcome_note text,
    closed_at    timestamptz,
    closed_by    text
);
create unique index audits_one_open_idx on review.audits (app_id) where status = 'OPEN';
create index audits_app_idx on review.audits (app_id, opened_at desc);

alter table review.marks add constraint marks_audit_fk foreign key (audit_id) references review.audits (id);

-- A request for proof of compliance (inside an audit or on its own) and its answer.
create table review.evidence_requests (
    id             uuid primary key,
    app_id         uuid        not null,
    audit_id       uuid references review.audits (id),
    clause_id      text        not null,
    request        text        not null,
    requested_by   text        not null,
    requested_at   timestamptz not null,
    due_at         timestamptz not null,
    status         text        not null check (status in ('OPEN', 'ANSWERED', 'ACCEPTED', 'OVERDUE')),
    answer         text,
    answered_at    timestamptz,
    answered_by    text,
    decided_at     timestamptz,
    decided_by     text,
    decision_note  text,
    reminded_at    timestamptz
);
create index evidence_requests_app_idx on review.evidence_requests (app_id, requested_at desc);
create index evidence_requests_due_idx on review.evidence_requests (due_at) where status = 'OPEN';

-- Files the developer uploaded as evidence; kept in the database with their hash.
create table review.evidence_files (
    id           uuid primary key,
    request_id   uuid        not null references review.evidence_requests (id),
    file_name    text        not null,
    content_type text        not null,
    size_bytes   int         not null,
    sha256       text        not null,
    content      bytea       not null,
    uploaded_by  text        not null,
    uploaded_at  timestamptz not null
);
create index evidence_files_request_idx on review.evidence_files (request_id);
