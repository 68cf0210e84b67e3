-- Single-use password reset links, stored only as peppered digests.
create table identity.password_resets (
    token_hash bytea primary key,
    user_id    uuid        not null references identity.users (id) on delete cascade,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz
);
create index password_resets_user_idx on identity.password_resets (user_id);
