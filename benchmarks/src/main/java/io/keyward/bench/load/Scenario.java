package io.keyward.bench.load;

/**
 * What one measured operation does: usually one HTTP request, sometimes a few (issue a PAT, then revoke it). It
 * throws {@link UnexpectedResponse} when the system answers other than a correct client would expect, which
 * counts as an error, never as a sample.
 */
@FunctionalInterface
public interface Scenario {

    /**
     * @param connection the calling worker's own keep-alive connection
     * @param n          a number unique to this operation in the run (for unique names, round-robin choices)
     */
    void execute(HttpConnection connection, long n) throws Exception;
}
