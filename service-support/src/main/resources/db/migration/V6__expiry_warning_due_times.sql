-- When each credential's expiry warnings fall due (NULL: not applicable, or already given), so that the scheduler
-- finds due warnings in an index instead of filtering every credential that expires within 30 days: a PAT issued
-- for exactly 30 days gets no 30-day warning, yet sat in that range for 23 days and was re-read every second.
-- Written with the credential (expiry minus 720 / 168 hours, only if it was issued before that) and cleared when
-- the warning is given.
ALTER TABLE kw_credential ADD COLUMN warn_30_days_due TIMESTAMPTZ;
ALTER TABLE kw_credential ADD COLUMN warn_7_days_due TIMESTAMPTZ;

UPDATE kw_credential
   SET warn_30_days_due = CASE WHEN warned_30_days_at IS NULL AND warned_7_days_at IS NULL
                                    AND issued_at < expires_at - interval '720 hours'
                               THEN expires_at - interval '720 hours' END,
       warn_7_days_due  = CASE WHEN warned_7_days_at IS NULL AND issued_at < expires_at - interval '168 hours'
                               THEN expires_at - interval '168 hours' END
 WHERE revoked_at IS NULL;

CREATE INDEX kw_credential_warn_30_due ON kw_credential (warn_30_days_due)
    WHERE revoked_at IS NULL AND warn_30_days_due IS NOT NULL;
CREATE INDEX kw_credential_warn_7_due ON kw_credential (warn_7_days_due)
    WHERE revoked_at IS NULL AND warn_7_days_due IS NOT NULL;
