-- A suspended organization cannot create or submit apps; its apps are suspended alongside.
create table developers.suspensions (
    organization_id uuid primary key references developers.organizations (id),
    reason          text        not null,
    suspended_by    text        not null,
    suspended_at    timestamptz not null
);
