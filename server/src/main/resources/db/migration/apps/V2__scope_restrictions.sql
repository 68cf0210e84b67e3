-- Scopes withdrawn from an app by enforcement: new tokens cannot carry them until restored.
create table apps.scope_restrictions (
    app_id        uuid        not null references apps.apps (id),
    scope         text        not null,
    restricted_at timestamptz not null,
    primary key (app_id, scope)
);
