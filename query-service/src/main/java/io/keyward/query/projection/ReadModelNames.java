package io.keyward.query.projection;

/**
 * The names of one generation of the read models. A rebuild fills a new generation beside the live one; when it
 * has caught up, reads switch to it at once and the old generation is dropped. The schema version ({@code v1}) and
 * the generation are both in every collection name, so two shapes or two builds never mix.
 */
public record ReadModelNames(int generation) {

    public static final String SCHEMA = "v1";

    public String serviceAccounts() {
        return "service_accounts_" + SCHEMA + "_g" + generation;
    }

    public String personalAccessTokens() {
        return "personal_access_tokens_" + SCHEMA + "_g" + generation;
    }

    /** Per user, the ids of its active PATs: listings find a user's PATs by primary key alone. */
    public String patIds() {
        return "pat_ids_" + SCHEMA + "_g" + generation;
    }

    public String humanUsers() {
        return "human_users_" + SCHEMA + "_g" + generation;
    }

    /** The tracking processor that fills this generation (its position is in the token store under this name). */
    public String processorName() {
        return "read-models-" + SCHEMA + "-g" + generation;
    }
}
