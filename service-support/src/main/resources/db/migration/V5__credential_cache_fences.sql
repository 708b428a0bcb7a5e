-- Verified-credential caches in the services (ADR 6). Every change that can make a cached credential wrong (its
-- revocation, a scheduled revocation, a new expiry, its holder's deletion, a rebuild of the lookups) is announced on
-- channel keyward_credentials when it commits; each caching instance evicts what it names. A command that revokes
-- then raises a fence (a numbered notification on the same channel, sent after its commit) and returns only when
-- every instance holding a lease has acknowledged that fence, or the lease of the silent ones has run out.

CREATE FUNCTION keyward_notify_credential_change() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        PERFORM pg_notify('keyward_credentials', 'all');
    ELSE
        PERFORM pg_notify('keyward_credentials', 'u:' || OLD.user_id);
        IF TG_OP = 'UPDATE' AND NEW.user_id IS DISTINCT FROM OLD.user_id THEN
            PERFORM pg_notify('keyward_credentials', 'u:' || NEW.user_id);
        END IF;
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER kw_credential_changed
    AFTER UPDATE OF token_hash, user_id, tenant_id, expires_at, revoked_at, revocation_reason, revoke_at OR DELETE
    ON kw_credential FOR EACH ROW EXECUTE FUNCTION keyward_notify_credential_change();
CREATE TRIGGER kw_principal_changed
    AFTER UPDATE OR DELETE ON kw_principal FOR EACH ROW EXECUTE FUNCTION keyward_notify_credential_change();
CREATE TRIGGER kw_credential_truncated
    AFTER TRUNCATE ON kw_credential FOR EACH STATEMENT EXECUTE FUNCTION keyward_notify_credential_change();
CREATE TRIGGER kw_principal_truncated
    AFTER TRUNCATE ON kw_principal FOR EACH STATEMENT EXECUTE FUNCTION keyward_notify_credential_change();

-- Fences: numbered in allocation order, delivered in commit order like every notification.
CREATE SEQUENCE kw_credential_fence_seq;

CREATE FUNCTION keyward_credential_fence() RETURNS bigint AS $$
DECLARE
    fence bigint;
BEGIN
    fence := nextval('kw_credential_fence_seq');
    PERFORM pg_notify('keyward_credentials', 'fence:' || fence);
    RETURN fence;
END
$$ LANGUAGE plpgsql;

-- The caching instances: the highest fence each has acknowledged, and until when (database clock) it may use its
-- cache without renewing. An instance whose lease has run out serves nothing from its cache.
CREATE TABLE kw_auth_cache_member (
    member_id   VARCHAR(64) PRIMARY KEY,
    service     VARCHAR(64) NOT NULL,
    acked_fence BIGINT      NOT NULL,
    lease_until TIMESTAMPTZ NOT NULL
);
