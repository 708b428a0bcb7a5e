-- Expiry warnings already given (30 and 7 days before expiry), so each is given once.
ALTER TABLE kw_credential ADD COLUMN warned_30_days_at TIMESTAMPTZ;
ALTER TABLE kw_credential ADD COLUMN warned_7_days_at TIMESTAMPTZ;
CREATE INDEX kw_credential_expiry ON kw_credential (expires_at) WHERE revoked_at IS NULL;

-- Audit records that are not domain events (refused requests), written by the service that refused the request
-- and published to Kafka by the command-service, which deletes them once Kafka has acknowledged them.
CREATE TABLE kw_audit_outbox (
    id         BIGSERIAL   PRIMARY KEY,
    record_key VARCHAR(64),
    record     BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
