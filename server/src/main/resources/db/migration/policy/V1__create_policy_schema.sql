create schema if not exists policy;

-- The four legal documents every developer organization accepts. The developer policy's content
-- is a policy pack (YAML); the others are text.
create table policy.documents (
    kind     text primary key check (kind in ('developer-terms', 'developer-policy', 'acceptable-use', 'data-processing')),
    title    text    not null,
    position integer not null
);
insert into policy.documents (kind, title, position) values
    ('developer-terms', 'Developer terms', 1),
    ('developer-policy', 'Developer policy', 2),
    ('acceptable-use', 'Acceptable use policy', 3),
    ('data-processing', 'Data processing agreement', 4);

create table policy.document_versions (
    id                 uuid primary key,
    kind               text        not null references policy.documents (kind),
    version            integer     not null,
    content            text        not null,
    content_hash       text        not null,
    change_summary     text,
    pack_id            text,
    pack_version       text,
    status             text        not null check (status in ('DRAFT', 'PUBLISHED')),
    created_at         timestamptz not null,
    created_by         text        not null,
    published_at       timestamptz,
    published_by       text,
    effective_at       timestamptz,
    with_notice        boolean,
    reaccept_by        timestamptz,
    unique (kind, version)
);
create index document_versions_current_idx on policy.document_versions (kind, status, effective_at desc);

-- Evidence of acceptance: who, for which organization, which version and exact text, when, from where.
create table policy.acceptances (
    id              bigint generated always as identity primary key,
    version_id      uuid        not null references policy.document_versions (id),
    organization_id uuid        not null,
    user_id         uuid        not null,
    user_email      text        not null,
    content_hash    text        not null,
    accepted_at     timestamptz not null,
    ip              text,
    unique (version_id, organization_id)
);
create index acceptances_org_idx on policy.acceptances (organization_id);
