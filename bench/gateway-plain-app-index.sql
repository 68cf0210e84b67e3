-- Experiment for bench/gateway.sh --node-sql: the subject_touches app index as it was before
-- accesslog V2 (no covering columns), to measure what the covering index costs the access log's writes.
create index subject_touches_app_idx on accesslog.subject_touches (app_id, occurred_at);
drop index accesslog.subject_touches_app_cover_idx;
