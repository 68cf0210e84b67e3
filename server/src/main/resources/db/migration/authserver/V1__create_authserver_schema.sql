create schema if not exists authserver;

-- Token signing keys (ES256). The private JWK is sealed with SecretBox, its associated data naming
-- the key id, so a ciphertext moved to another row does not open. Several keys may be published at
-- once (rotation); the newest active key signs.
create table authserver.signing_keys (
    kid         text primary key,
    algorithm   text        not null,
    public_jwk  text        not null,
    private_jwk bytea       not null,
    created_at  timestamptz not null,
    retired_at  timestamptz
);

create index signing_keys_active on authserver.signing_keys (created_at desc) where retired_at is null;

-- Spring Security's JdbcOAuth2AuthorizationService and JdbcOAuth2AuthorizationConsentService tables,
-- from oauth2-authorization-schema.sql and oauth2-authorization-consent-schema.sql, adjusted as that
-- file advises for PostgreSQL: blob -> text (the service writes these columns as strings unless
-- the column is a JDBC BLOB, which bytea is not), timestamp -> timestamptz.
create table authserver.oauth2_authorization (
    id                            varchar(100)  not null,
    registered_client_id          varchar(100)  not null,
    principal_name                varchar(200)  not null,
    authorization_grant_type      varchar(100)  not null,
    authorized_scopes             varchar(1000) default null,
    attributes                    text          default null,
    state                         varchar(500)  default null,
    authorization_code_value      text          default null,
    authorization_code_issued_at  timestamptz   default null,
    authorization_code_expires_at timestamptz   default null,
    authorization_code_metadata   text          default null,
    access_token_value            text          default null,
    access_token_issued_at        timestamptz   default null,
    access_token_expires_at       timestamptz   default null,
    access_token_metadata         text          default null,
    access_token_type             varchar(100)  default null,
    access_token_scopes           varchar(1000) default null,
    oidc_id_token_value           text          default null,
    oidc_id_token_issued_at       timestamptz   default null,
    oidc_id_token_expires_at      timestamptz   default null,
    oidc_id_token_metadata        text          default null,
    refresh_token_value           text          default null,
    refresh_token_issued_at       timestamptz   default null,
    refresh_token_expires_at      timestamptz   default null,
    refresh_token_metadata        text          default null,
    user_code_value               text          default null,
    user_code_issued_at           timestamptz   default null,
    user_code_expires_at          timestamptz   default null,
    user_code_metadata            text          default null,
    device_code_value             text          default null,
    device_code_issued_at         timestamptz   default null,
    device_code_expires_at        timestamptz   default null,
    device_code_metadata          text          default null,
    primary key (id)
);

create index oauth2_authorization_state on authserver.oauth2_authorization (state);
create index oauth2_authorization_code on authserver.oauth2_authorization (authorization_code_value);
create index oauth2_authorization_access on authserver.oauth2_authorization (access_token_value);
create index oauth2_authorization_refresh on authserver.oauth2_authorization (refresh_token_value);

create table authserver.oauth2_authorization_consent (
    registered_client_id varchar(100)  not null,
    principal_name       varchar(200)  not null,
    authorities          varchar(1000) not null,
    primary key (registered_client_id, principal_name)
);
