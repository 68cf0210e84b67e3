-- The monitoring detectors' statements (accesslog.internal.PatternQueries) with the reference
-- pack's parameters, against the generated log of gateway-lineage-*.sql. Run by
-- bench/monitoring-detectors.sh with \timing; each statement is what one detector runs per round.
\set ON_ERROR_STOP 1
set timezone = 'UTC';
\timing on
\echo lastScopeUse 90 days (check.unused-scopes: 30 and 90 days and the pack period in one pass)
select count(*) from (
select app_id, s as scope, max(last_used) as last_used
from (select app_id, scopes, max(occurred_at) as last_used from accesslog.api_calls
      where occurred_at >= now() - interval '90 days' and occurred_at < now() and status < 400 and app_id is not null
        and cardinality(scopes) > 0
      group by app_id, scopes) d, unnest(d.scopes) as s
group by app_id, s) x;
\echo routesUsedByApp 30 days (check.staleness)
select count(*) from (
select app_id, array_agg(distinct route_id) as routes from accesslog.api_calls
where occurred_at >= now() - interval '30 days' and occurred_at < now() and app_id is not null and route_id is not null
group by app_id) x;
\echo subjectReadSpikes 28 + 1 days (check.anomaly.exfiltration)
select count(*) from (
select app_id, installation_id, customer_account_id, recent, baseline_per_day from (
  select app_id, installation_id, min(customer_account_id::text)::uuid as customer_account_id,
         coalesce(sum(cardinality(subject_ids)) filter (where occurred_at >= now() - interval '1 day'), 0) as recent,
         coalesce(sum(cardinality(subject_ids)) filter (where occurred_at < now() - interval '1 day'), 0) / 28.0 as baseline_per_day
  from accesslog.api_calls
  where occurred_at >= now() - interval '29 days' and occurred_at < now() and installation_id is not null
    and status < 400 and cardinality(subject_ids) > 0
  group by app_id, installation_id) per_installation
where recent / 1.0 > 10 * greatest(baseline_per_day, 200)) x;
\echo probingBursts 24 hours, 10-minute windows (check.anomaly.probing)
select count(*) from (
select distinct on (app_id) app_id, bucket as start, calls, count(*) over (partition by app_id) as windows, samples
from (select app_id, date_bin(make_interval(secs => 600), occurred_at, now() - interval '24 hours') as bucket,
             count(*) as calls, array_agg(distinct coalesce(route_id, method || ' ' || path)) as samples
      from accesslog.api_calls
      where occurred_at >= now() - interval '24 hours' and occurred_at < now() and app_id is not null
        and rejection = any(array['insufficient_scope', 'no_route', 'method_not_allowed', 'installation_required'])
      group by 1, 2
      having count(*) >= 50) over_threshold
order by app_id, calls desc, bucket) x;
\echo messageBursts 24 hours (check.anomaly.spam)
select count(*) from (
select distinct on (app_id) app_id, bucket as start, calls, count(*) over (partition by app_id) as windows, samples
from (select app_id, date_bin(make_interval(secs => 3600), occurred_at, now() - interval '24 hours') as bucket,
             count(*) as calls, array_agg(distinct route_id) as samples
      from accesslog.api_calls
      where occurred_at >= now() - interval '24 hours' and occurred_at < now() and app_id is not null
        and method = 'POST' and status < 400 and 'messages' = any(data_categories)
      group by 1, 2
      having count(*) >= 501) over_threshold
order by app_id, calls desc, bucket) x;
\echo networkSpreads 24 hours (check.anomaly.credential-sharing)
select count(*) from (
select app_id, installation_id, min(client_id) as client_id, count(distinct network) as networks,
       count(*) as calls, array_agg(distinct network) as samples
from (select app_id, installation_id, client_id,
             case when client_address ~ '^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$'
                  then regexp_replace(client_address, '\.\d{1,3}$', '.0/24')
                  when client_address like '%:%'
                  then split_part(client_address, ':', 1) || ':' || split_part(client_address, ':', 2) || ':'
                       || split_part(client_address, ':', 3) || '::/48'
                  else client_address end as network
      from accesslog.api_calls
      where occurred_at >= now() - interval '24 hours' and occurred_at < now() and app_id is not null
        and client_address is not null) c
group by app_id, installation_id
having count(distinct network) > 5) x;
\echo upstreamLoad 1 hour (check.anomaly.load)
select count(*) from (
select app_id, calls, errors, 100.0 * errors / calls as error_rate, p99 from (
  select app_id, count(*) as calls, count(*) filter (where status >= 500) as errors,
         percentile_disc(0.99) within group (order by latency_micros) as p99
  from accesslog.api_calls
  where occurred_at >= now() - interval '1 hour' and occurred_at < now() and app_id is not null
    and (rejection is null or rejection in ('upstream_unavailable', 'upstream_timeout'))
  group by app_id) per_app
where calls >= 100 and (100.0 * errors / calls > 20 or p99 > 5000000)) x;
