package io.keyward.query.projection;

/**
 * Names of the read-model collections. Versioned: a change of a document's shape gets a new collection, filled by
 * a rebuild, so old and new never mix.
 */
public final class ReadModels {

    public static final String SERVICE_ACCOUNTS = "service_accounts_v1";
    public static final String PERSONAL_ACCESS_TOKENS = "personal_access_tokens_v1";
    public static final String HUMAN_USERS = "human_users_v1";

    private ReadModels() {
    }
}
