-- The access log's indexes exactly as the migrations leave them (V1__create_accesslog_schema.sql, and
-- V2__blast_radius_index.sql for the blast radius' covering app index), then statistics.
\set ON_ERROR_STOP 1
set maintenance_work_mem = '256MB';
create index api_calls_app_idx on accesslog.api_calls (app_id, occurred_at);
create index api_calls_account_idx on accesslog.api_calls (customer_account_id, occurred_at);
create index api_calls_installation_idx on accesslog.api_calls (installation_id, occurred_at);
create index subject_touches_subject_idx on accesslog.subject_touches (customer_account_id, subject_id, occurred_at);
create index subject_touches_app_cover_idx on accesslog.subject_touches (app_id, occurred_at)
    include (customer_account_id, subject_id, data_categories);
analyze accesslog.api_calls;
analyze accesslog.subject_touches;
