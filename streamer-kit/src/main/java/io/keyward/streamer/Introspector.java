package io.keyward.streamer;

/** Asks whether a PAT is active and whose it is. */
@FunctionalInterface
public interface Introspector {

    TokenInfo introspect(String pat);
}
