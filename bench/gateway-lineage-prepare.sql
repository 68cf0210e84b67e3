-- Generated access-log rows for bench/gateway.sh's lineage step, against a Gatehouse database (the
-- access log's V1 migration has run). Three files, run in order by the script:
--   gateway-lineage-prepare.sql  partitions for the 30 days; the module's five indexes dropped for the load
--   gateway-lineage-chunk.sql    -v lo=A -v hi=B: calls A..B and their subject touches (two sessions in parallel)
--   gateway-lineage-finish.sql   the five indexes created again exactly as the migrations leave them (V1, V2), then ANALYZE
-- Shape:
--   * :rows calls over the last 30 days (uniform in time), in the module's day partitions;
--   * 50 apps, skewed (app k gets about (sqrt((k+1)/50) - sqrt(k/50)) of the calls: app 0 about 14%,
--     app 49 about 1%); 2,000 customer accounts, uniform; an installation per (app, account);
--   * 100 data subjects per account (pat_ ids, as the clinic API's); 90% of calls touch one subject
--     (a read of one patient or appointment), 10% are list calls that name none;
--   * one subject_touches row per touched subject, with the call's id, app, installation and time.
-- Partitions are created the way accesslog.internal.Partitions does it (same names and bounds,
-- same advisory lock), for the days the module has not created yet.
\set ON_ERROR_STOP 1
set timezone = 'UTC';
set synchronous_commit = off;

begin;
select pg_advisory_xact_lock(hashtext('accesslog.partitions'));
select format('create table accesslog.%s partition of accesslog.%s for values from (%L) to (%L)',
              t || '_p' || to_char(d, 'YYYYMMDD'), t, to_char(d, 'YYYY-MM-DD"T"00:00Z'),
              to_char(d + 1, 'YYYY-MM-DD"T"00:00Z'))
from generate_series(current_date - 31, current_date + 1, interval '1 day') as g(day)
cross join lateral (select g.day::date as d) x
cross join unnest(array['api_calls', 'subject_touches']) as t
where to_regclass('accesslog.' || t || '_p' || to_char(d, 'YYYYMMDD')) is null
\gexec
commit;

-- The module's indexes (V1__create_accesslog_schema.sql and V2__blast_radius_index.sql) are built after the load, not row by row:
-- the same indexes in the end, in a fraction of the time.
drop index accesslog.api_calls_app_idx;
drop index accesslog.api_calls_account_idx;
drop index accesslog.api_calls_installation_idx;
drop index accesslog.subject_touches_subject_idx;
drop index if exists accesslog.subject_touches_app_idx;
drop index if exists accesslog.subject_touches_app_cover_idx;
