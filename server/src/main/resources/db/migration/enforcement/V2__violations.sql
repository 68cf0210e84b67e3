-- Violations: a breach an operator acts on. Findings and abuse reports become violations.
create table enforcement.violations (
    id              uuid primary key,
    clause_id       text        not null,
    subject_type    text        not null check (subject_type in ('app', 'organization')),
    subject_id      text        not null,
    organization_id uuid        not null,
    source          text        not null,
    summary         text        not null,
    evidence_links  text[]      not null default '{}',
    finding_ids     uuid[]      not null default '{}',
    severity        text        not null check (severity in ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
    self_reported   boolean     not null,
    audit_found     boolean     not null,
    status          text        not null check (status in ('PROPOSED', 'ACTIONED', 'REINSTATED', 'DISMISSED')),
    proposed_action text        not null,
    proposal_basis  text        not null,
    opened_by       text        not null,
    opened_at       timestamptz not null,
    closed_at       timestamptz,
    closed_reason   text
);
create index violations_status_idx on enforcement.violations (status, opened_at desc);
create index violations_subject_idx on enforcement.violations (subject_type, subject_id, opened_at desc);
create index violations_org_idx on enforcement.violations (organization_id, opened_at desc);

-- What an operator did about a violation, and whether notice was given. Lifted on reinstatement.
create table enforcement.actions (
    id               uuid primary key,
    violation_id     uuid        not null references enforcement.violations (id),
    action           text        not null,
    proposed_action  text        not null,
    reason           text        not null,
    notice_given     boolean     not null,
    remediation_due  timestamptz,
    scopes           text[]      not null default '{}',
    -- The apps the action moved, with the status each had before, to put back on reinstatement.
    affected         jsonb       not null default '{}',
    taken_by         text        not null,
    taken_at         timestamptz not null,
    lifted_at        timestamptz,
    lifted_by        text,
    lifted_reason    text
);
create index actions_violation_idx on enforcement.actions (violation_id, taken_at);

-- Every notice sent: to the developer's members, or to the admins of customers with the app installed.
create table enforcement.notices (
    id           uuid primary key,
    violation_id uuid        not null references enforcement.violations (id),
    audience     text        not null check (audience in ('developer', 'customer')),
    user_id      uuid        not null,
    email        text        not null,
    subject      text        not null,
    body         text        not null,
    sent_at      timestamptz not null
);
create index notices_violation_idx on enforcement.notices (violation_id, sent_at);

create table enforcement.appeals (
    id              uuid primary key,
    violation_id    uuid        not null references enforcement.violations (id),
    filed_by        uuid        not null,
    grounds         text        not null,
    status          text        not null check (status in ('PENDING', 'UPHELD', 'REJECTED')),
    filed_at        timestamptz not null,
    decided_by      text,
    decided_at      timestamptz,
    decision_reason text
);
create unique index appeals_one_pending on enforcement.appeals (violation_id) where status = 'PENDING';

create table enforcement.abuse_reports (
    id            uuid primary key,
    app_id        uuid        not null,
    reporter_id   uuid        not null,
    category      text        not null,
    description   text        not null,
    status        text        not null check (status in ('OPEN', 'DISMISSED', 'CONVERTED')),
    reported_at   timestamptz not null,
    triaged_by    text,
    triaged_at    timestamptz,
    triage_note   text,
    violation_id  uuid references enforcement.violations (id)
);
create index abuse_reports_status_idx on enforcement.abuse_reports (status, reported_at desc);
