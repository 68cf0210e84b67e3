-- The audit log: append-only and hash-chained. See dev.gatehouse.auditlog.internal.AuditHasher for
-- how a row's hash is computed.
create schema if not exists auditlog;

create table auditlog.audit_events (
    seq         bigint      primary key,
    occurred_at timestamptz not null,
    actor       text        not null,
    actor_ip    text,
    action      text        not null,
    target      text        not null,
    details     text        not null, -- the exact JSON text that was hashed
    prev_hash   bytea       not null,
    hash        bytea       not null,
    constraint audit_events_seq_positive check (seq > 0),
    constraint audit_events_prev_hash_length check (octet_length(prev_hash) = 32),
    constraint audit_events_hash_length check (octet_length(hash) = 32)
);

create index audit_events_occurred_at_idx on auditlog.audit_events (occurred_at);
create index audit_events_action_idx on auditlog.audit_events (action text_pattern_ops, seq);
create index audit_events_actor_idx on auditlog.audit_events (actor, seq);
create index audit_events_target_idx on auditlog.audit_events (target, seq);

-- The last appended row. Writers lock it (select ... for update) so appends are serialized across
-- every node; verification compares it with the last row to detect deleted tail rows.
create table auditlog.chain_head (
    id   boolean primary key default true check (id),
    seq  bigint  not null,
    hash bytea   not null
);

insert into auditlog.chain_head (id, seq, hash) values (true, 0, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea);

create function auditlog.refuse_change() returns trigger
    language plpgsql as
$$
begin
    raise exception 'audit events are append-only';
end;
$$;

create trigger audit_events_no_update_or_delete
    before update or delete on auditlog.audit_events
    for each row execute function auditlog.refuse_change();

create trigger audit_events_no_truncate
    before truncate on auditlog.audit_events
    for each statement execute function auditlog.refuse_change();
