-- Refresh tokens already exchanged (rotation). Presenting one again means it leaked: the whole
-- grant is revoked (RFC 9700 section 4.14.2). Only a digest is kept.
create table authserver.spent_refresh_tokens (
    token_hash       bytea primary key,
    authorization_id text        not null,
    client_id        text        not null,
    spent_at         timestamptz not null
);
create index spent_refresh_tokens_spent_idx on authserver.spent_refresh_tokens (spent_at);
