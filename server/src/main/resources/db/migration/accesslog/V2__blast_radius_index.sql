-- An incident's blast radius (CallQueries.SUBJECT_TOUCHES) reads every touch of its apps in the
-- window. With the account, subject and categories in the app index, PostgreSQL answers it from the
-- index alone (an index-only scan) instead of visiting the table for each touch. It replaces the
-- plain (app_id, occurred_at) index, so a batch still maintains two indexes on this table.
create index subject_touches_app_cover_idx on accesslog.subject_touches (app_id, occurred_at)
    include (customer_account_id, subject_id, data_categories);
drop index accesslog.subject_touches_app_idx;
