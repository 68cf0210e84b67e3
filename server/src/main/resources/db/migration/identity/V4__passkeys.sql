-- Passkeys (WebAuthn), in the tables Spring Security's JdbcPublicKeyCredentialUserEntityRepository and
-- JdbcUserCredentialRepository read and write (user-entities-schema.sql and
-- user-credentials-schema-postgres.sql from spring-security-web 7.1), kept in the identity schema.
-- Differences from Spring's files: user_entities.name is as long as an email may be and unique
-- (Spring looks entities up by it); credentials go with their user entity; an index for the
-- by-user lookup.
create table identity.user_entities (
    id           varchar(1000) not null,
    name         varchar(320)  not null,
    display_name varchar(320),
    primary key (id)
);
create unique index user_entities_name_key on identity.user_entities (name);

create table identity.user_credentials (
    credential_id                varchar(1000) not null,
    user_entity_user_id          varchar(1000) not null references identity.user_entities (id) on delete cascade,
    public_key                   bytea         not null,
    signature_count              bigint,
    uv_initialized               boolean,
    backup_eligible              boolean       not null,
    authenticator_transports     varchar(1000),
    public_key_credential_type   varchar(100),
    backup_state                 boolean       not null,
    attestation_object           bytea,
    attestation_client_data_json bytea,
    created                      timestamp,
    last_used                    timestamp,
    label                        varchar(1000) not null,
    primary key (credential_id)
);
create index user_credentials_user_idx on identity.user_credentials (user_entity_user_id);
