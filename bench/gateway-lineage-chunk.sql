-- Calls :lo to :hi (psql -v lo=A -v hi=B) and their subject touches; see gateway-lineage-prepare.sql.
\set ON_ERROR_STOP 1
set timezone = 'UTC';
set synchronous_commit = off;
with gen as (
    select gen_random_uuid() as id,
           now() - random() * interval '30 days' as occurred_at,
           floor(50 * power(random(), 2))::int as app,
           floor(random() * 2000)::int as account,
           floor(random() * 100)::int as subject,
           random() < 0.9 as touches,
           random() as r
    from generate_series(:lo::bigint, :hi::bigint)
), calls as (
    insert into accesslog.api_calls (id, occurred_at, app_id, client_id, installation_id, customer_account_id, route_id,
        method, path, status, latency_micros, request_bytes, response_bytes, scopes, data_categories, subject_ids,
        client_address, rejection)
    select id, occurred_at, md5('app' || app)::uuid, 'client-' || app, md5('inst' || app || '/' || account)::uuid,
           md5('acct' || account)::uuid,
           case when not touches then 'appointments.list' when r < 0.5 then 'appointments.read' else 'patients.read' end,
           'GET',
           case when not touches then '/platform/v1/appointments'
                when r < 0.5 then '/platform/v1/appointments/apt_' || substr(md5(id::text), 1, 12)
                else '/platform/v1/patients/pat_' || substr(md5('subj' || account || '/' || subject), 1, 12) end,
           case when r < 0.995 then 200 else 404 end, 800 + floor(r * 4000)::bigint, 0, 300 + floor(r * 900)::bigint,
           case when r < 0.5 or not touches then array['appointments:read'] else array['patients:read'] end,
           case when r < 0.5 or not touches then array['appointments'] else array['contact', 'health'] end,
           case when touches then array['pat_' || substr(md5('subj' || account || '/' || subject), 1, 12)] else array[]::text[] end,
           '127.0.0.1', null
    from gen
    returning id, occurred_at, app_id, installation_id, customer_account_id, subject_ids, data_categories
)
insert into accesslog.subject_touches (customer_account_id, subject_id, occurred_at, app_id, installation_id, call_id, data_categories)
select customer_account_id, subject_ids[1], occurred_at, app_id, installation_id, id, data_categories
from calls where cardinality(subject_ids) > 0;
