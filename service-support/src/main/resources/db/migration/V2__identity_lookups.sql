-- Command-side lookups, written by a subscribing event handler in the same transaction as the events they
-- come from (so a duplicate username rolls the events back too). Rebuildable from the event store.

-- Every live user, human or machine. The unique key enforces "usernames are unique per tenant across humans and
-- machines, case-insensitively"; deleting a user frees its username.
CREATE TABLE kw_principal (
    user_id      BIGINT       PRIMARY KEY,
    tenant_id    VARCHAR(64)  NOT NULL,
    username     VARCHAR(200) NOT NULL,
    username_key VARCHAR(200) NOT NULL,
    kind         VARCHAR(16)  NOT NULL CHECK (kind IN ('machine', 'human')),
    roles        VARCHAR(200) NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    CONSTRAINT kw_principal_username_unique UNIQUE (tenant_id, username_key)
);

-- Every PAT ever issued, by keyed hash (HMAC-SHA256 with the pepper; never the token).
-- A revoked credential keeps its row so that authentication can tell "revoked" from "unknown" in the audit trail.
CREATE TABLE kw_credential (
    token_hash        BYTEA       PRIMARY KEY,
    credential_id     BIGINT      NOT NULL UNIQUE,
    user_id           BIGINT      NOT NULL,
    tenant_id         VARCHAR(64) NOT NULL,
    expires_at        TIMESTAMPTZ NOT NULL,
    revoked_at        TIMESTAMPTZ,
    revocation_reason VARCHAR(32)
);

CREATE INDEX kw_credential_user ON kw_credential (user_id);

-- Node ids for the 63-bit id generator: each service instance takes the next value (mod 1024) at start-up.
CREATE SEQUENCE kw_node_id_seq;
