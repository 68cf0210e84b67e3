-- The SQL part of bench/webhook-fanout.sh's seeding, against the Gatehouse database after
-- FanoutBench.java seed has created the apps through the developer API (each with a webhook signing
-- secret Gatehouse issued). What a real flow would take too long for with 1,000 apps:
--   * approval and publication (a reviewer's pages: submit, start review, approve, publish);
--   * the receiver URL: the API accepts https endpoints only, so the placeholder is replaced with
--     http://127.0.0.1:<port>/hooks/<n> here, as privacy/ErasureFlowSystemTests does for its receiver
--     (the server runs with gatehouse.webhooks.allow-http=true and 127.0.0.1 allowlisted);
--   * the installation in the customer account (the admin's consent screen, once per app);
--   * the access log: each app read each of :subjects subjects through the gateway an hour ago
--     (accesslog.api_calls + accesslog.subject_touches rows, as the access log writer stores them).
-- Standard input: app id TAB receiver URL per line. psql variables: account, owner (user id), subjects,
-- prefix (subject id prefix; subjects are <prefix>0001 ...), install (1: also publish and install the
-- apps; 0: only touch more subjects).
\set ON_ERROR_STOP 1
set timezone = 'UTC';

begin;
create temporary table fanout_apps (app_id uuid primary key, url text not null) on commit drop;
\copy fanout_apps from pstdin

\if :install
-- Approved and published: the draft revision becomes the live one, as AppRegistry.approve and publish do.
update apps.revisions r
set state = 'APPROVED', webhook_url = f.url, submitted_at = now(), decided_at = now()
from fanout_apps f join apps.apps a on a.id = f.app_id
where r.id = a.draft_revision_id;
update apps.apps a
set status = 'PUBLISHED', live_revision_id = a.draft_revision_id, draft_revision_id = null, status_changed_at = now()
from fanout_apps f where a.id = f.app_id and a.status = 'DRAFT';
insert into apps.history (app_id, occurred_at, actor, action, from_status, to_status, note)
select app_id, now(), 'bench/webhook-fanout-seed.sql', 'status changed', 'DRAFT', 'PUBLISHED',
       'benchmark data: approved and published without review'
from fanout_apps;

-- Installed in the customer account by its admin, with the scope the apps ask for.
insert into marketplace.installations (id, account_id, app_id, scopes, status, installed_at, installed_by, updated_at)
select gen_random_uuid(), :'account', app_id, array['appointments:read'], 'ACTIVE', now() - interval '2 hours',
       :'owner', now() - interval '2 hours'
from fanout_apps;
\endif

-- One gateway call per app and subject, an hour ago: what RecipientSelector's lineage query finds.
create temporary table fanout_calls on commit drop as
select gen_random_uuid() as call_id, f.app_id, i.id as installation_id,
       :'prefix' || lpad(s::text, 4, '0') as subject_id,
       now() - interval '1 hour' + (random() * interval '10 minutes') as occurred_at
from fanout_apps f
join marketplace.installations i on i.app_id = f.app_id and i.account_id = :'account' and i.status = 'ACTIVE'
cross join generate_series(1, :subjects) as s;

insert into accesslog.api_calls (id, occurred_at, app_id, client_id, installation_id, customer_account_id, route_id,
                                 method, path, status, latency_micros, request_bytes, response_bytes, scopes,
                                 data_categories, subject_ids, client_address, rejection)
select call_id, occurred_at, app_id, null, installation_id, :'account', 'appointments.read', 'GET',
       '/v1/appointments/apt_' || substr(md5(call_id::text), 1, 12), 200, 1500, 0, 231, array['appointments:read'],
       array['appointments'], array[subject_id], '127.0.0.1', null
from fanout_calls;
insert into accesslog.subject_touches (customer_account_id, subject_id, occurred_at, app_id, installation_id, call_id,
                                       data_categories)
select :'account', subject_id, occurred_at, app_id, installation_id, call_id, array['appointments']
from fanout_calls;
commit;

analyze accesslog.subject_touches;
