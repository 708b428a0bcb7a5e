package io.keyward.identity;

import java.util.Locale;
import java.util.regex.Pattern;

/** Username rules: unique per tenant across humans and machines, compared case-insensitively. */
public final class Usernames {

    public static final int MAX_LENGTH = 200;
    /** Starts with a letter or digit; then letters, digits and {@code . _ @ + -}. */
    public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]{0," + (MAX_LENGTH - 1) + "}");

    private Usernames() {
    }

    public static boolean isValid(String username) {
        return username != null && PATTERN.matcher(username).matches();
    }

    /** The form under which uniqueness is enforced. */
    public static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}
