-- Client-credentials access tokens are not stored (they are self-contained JWTs, and storing each
-- one was most of the token endpoint's cost). Revoking one records its jti here until it expires;
-- introspection and the gateway consult this list.
create table authserver.revoked_access_tokens (
    jti        text primary key,
    client_id  text        not null,
    expires_at timestamptz not null,
    revoked_at timestamptz not null
);
create index revoked_access_tokens_expiry_idx on authserver.revoked_access_tokens (expires_at);
