-- Key rotation: a new key is published (in the JWKS) before it signs, from activates_at on; the key
-- it replaces stays published until every token it signed has expired, then it is retired.
alter table authserver.signing_keys add column activates_at timestamptz;
update authserver.signing_keys set activates_at = created_at;
alter table authserver.signing_keys alter column activates_at set not null;
