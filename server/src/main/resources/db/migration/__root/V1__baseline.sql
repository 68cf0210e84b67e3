-- Each module creates and owns its own schema in db/migration/<module>/. Nothing lives here yet.
select 1;
