-- When each credential was issued (bulk revocation "all PATs of a tenant issued before T"), and when a rotated
-- credential stops working (rotation with a grace period). Rows written before this migration get their
-- migration time as issue time.
ALTER TABLE kw_credential ADD COLUMN issued_at TIMESTAMPTZ;
UPDATE kw_credential SET issued_at = now() WHERE issued_at IS NULL;
ALTER TABLE kw_credential ALTER COLUMN issued_at SET NOT NULL;
ALTER TABLE kw_credential ADD COLUMN revoke_at TIMESTAMPTZ;

CREATE INDEX kw_credential_tenant_issued ON kw_credential (tenant_id, issued_at) WHERE revoked_at IS NULL;
CREATE INDEX kw_credential_revoke_due ON kw_credential (revoke_at) WHERE revoked_at IS NULL AND revoke_at IS NOT NULL;

-- Last use of each credential: operational data, not derived from events (a rebuild of the lookups keeps it).
-- Written at most once a minute per credential and instance.
CREATE TABLE kw_credential_usage (
    credential_id     BIGINT      PRIMARY KEY,
    last_used_at      TIMESTAMPTZ NOT NULL,
    last_used_address VARCHAR(64)
);
