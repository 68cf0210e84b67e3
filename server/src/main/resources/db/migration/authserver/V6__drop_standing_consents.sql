-- Gatehouse never skips the consent page and records every approval in consent_records: the
-- framework's standing consents are not kept (see NoStandingConsents).
drop table authserver.oauth2_authorization_consent;
