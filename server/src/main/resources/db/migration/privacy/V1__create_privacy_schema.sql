create schema if not exists privacy;

-- A data subject request filed for a customer account: who filed it, for whom, and its deadline.
-- Rectification keeps the names of the fields that changed (never their values).
create table privacy.requests (
    id                  uuid primary key,
    customer_account_id uuid        not null,
    kind                text        not null check (kind in ('ERASURE', 'RECTIFICATION', 'ACCESS', 'RESTRICTION', 'ACCOUNT_CLOSURE')),
    subject_ids         text[]      not null,
    changed_fields      text[]      not null default '{}',
    filed_by_user_id    uuid,
    filed_by_email      text,
    filed_by_operator   boolean     not null,
    filed_at            timestamptz not null,
    due_at              timestamptz not null,
    status              text        not null check (status in ('OPEN', 'COMPLETED', 'OVERDUE')),
    closed_at           timestamptz,
    check (filed_by_operator or filed_by_user_id is not null)
);
create index requests_account_idx on privacy.requests (customer_account_id, filed_at desc);

-- One app asked to act on a request: the webhook that told it, and how it answered.
create table privacy.recipients (
    id                uuid primary key,
    request_id        uuid        not null references privacy.requests (id),
    app_id            uuid        not null,
    installation_id   uuid,
    reason            text        not null,
    delivery_id       text,
    status            text        not null check (status in ('NOTIFIED', 'ACKNOWLEDGED', 'COMPLETED', 'DECLINED', 'OVERDUE')),
    notified_at       timestamptz not null,
    due_at            timestamptz not null,
    acknowledged_at   timestamptz,
    completed_at      timestamptz,
    reported_at       timestamptz,
    declined_at       timestamptz,
    outcome           text,
    decline_reason    text,
    review_decision   text check (review_decision in ('ACCEPTED', 'REJECTED')),
    review_note       text,
    reviewed_by       text,
    reviewed_at       timestamptz,
    last_reminder_at  timestamptz,
    unique (request_id, app_id)
);
create index recipients_app_idx on privacy.recipients (app_id, status);
create index recipients_due_idx on privacy.recipients (due_at) where status in ('NOTIFIED', 'ACKNOWLEDGED');

-- Append-only evidence: everything that happened to a request, in order. Never updated or deleted.
create table privacy.request_events (
    id           bigserial primary key,
    request_id   uuid        not null references privacy.requests (id),
    recipient_id uuid references privacy.recipients (id),
    occurred_at  timestamptz not null,
    type         text        not null,
    actor        text        not null,
    detail       text
);
create index request_events_request_idx on privacy.request_events (request_id, id);

-- account.redact after an uninstall, sent once the grace period is over by whichever node claims it.
create table privacy.redactions (
    id                  uuid primary key,
    customer_account_id uuid        not null,
    app_id              uuid        not null,
    installation_id     uuid        not null unique,
    uninstalled_at      timestamptz not null,
    due_at              timestamptz not null,
    sent_at             timestamptz,
    delivery_id         text
);
create index redactions_due_idx on privacy.redactions (due_at) where sent_at is null;
