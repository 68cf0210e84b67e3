-- Which Gatehouse node made each attempt: for operators following a delivery across nodes.
alter table webhooks.attempts add column node text;
