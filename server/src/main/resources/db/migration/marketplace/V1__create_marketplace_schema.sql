create schema if not exists marketplace;

-- The platform's tenants (a clinic, a dealer). Sandbox accounts belong to one developer
-- organization each and hold only test data: a sandbox client may act on nothing else.
create table marketplace.customer_accounts (
    id                      uuid primary key,
    name                    text        not null,
    kind                    text        not null check (kind in ('CUSTOMER', 'SANDBOX')),
    sandbox_organization_id uuid unique,
    created_at              timestamptz not null,
    check ((kind = 'SANDBOX') = (sandbox_organization_id is not null))
);

create table marketplace.customer_members (
    account_id uuid        not null references marketplace.customer_accounts (id) on delete cascade,
    user_id    uuid        not null,
    role       text        not null check (role in ('ADMIN', 'MEMBER')),
    joined_at  timestamptz not null,
    primary key (account_id, user_id)
);
create index customer_members_user_idx on marketplace.customer_members (user_id);
