-- Notifications: the durable mail outbox and the in-app inbox.
create schema if not exists notifications;

-- Every email, written in the caller's transaction before any attempt to send it. The sender claims
-- due rows with "for update skip locked", so any number of nodes can send without sending twice.
create table notifications.outbox (
    id                uuid        primary key,
    created_at        timestamptz not null,
    to_address        text        not null,
    recipient_user_id uuid,
    category          text        not null,
    subject           text        not null,
    text_body         text        not null,
    html_body         text,
    status            text        not null,
    attempts          integer     not null default 0,
    next_attempt_at   timestamptz,          -- when QUEUED or FAILED: due from then on
    last_attempt_at   timestamptz,
    sent_at           timestamptz,
    last_error        text,                 -- short, one line; never a stack trace
    constraint outbox_status_known check (status in ('QUEUED', 'SENT', 'FAILED', 'ABANDONED', 'HELD')),
    constraint outbox_attempts_not_negative check (attempts >= 0),
    constraint outbox_due_when_pending check ((status in ('QUEUED', 'FAILED')) = (next_attempt_at is not null)),
    constraint outbox_sent_at_when_sent check ((status = 'SENT') = (sent_at is not null))
);

create index outbox_due_idx on notifications.outbox (next_attempt_at) where status in ('QUEUED', 'FAILED');
create index outbox_created_at_idx on notifications.outbox (created_at desc, id);
create index outbox_recipient_idx on notifications.outbox (recipient_user_id) where recipient_user_id is not null;

-- In-app notifications. link is a relative path on this site (checked by the application).
create table notifications.inbox_items (
    id         uuid        primary key,
    user_id    uuid        not null,
    title      text        not null,
    body       text        not null default '',
    link       text,
    created_at timestamptz not null,
    read_at    timestamptz,
    constraint inbox_items_link_relative check (link is null or (link like '/%' and link not like '//%'))
);

create index inbox_items_user_idx on notifications.inbox_items (user_id, created_at desc);
create index inbox_items_unread_idx on notifications.inbox_items (user_id) where read_at is null;
