package io.keyward.pat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.zip.CRC32;

/**
 * The Keyward personal access token format: {@code kwp_} + 43 base62 characters carrying 256 bits from
 * {@link SecureRandom} + 6 base62 characters of the CRC32 of everything before them.
 *
 * <p>The prefix makes leaked tokens findable by secret scanners; the checksum lets a service reject a mistyped or
 * forged token without touching any store. Neither is a secret: only the 256 random bits are.</p>
 */
public final class PatFormat {

    public static final String PREFIX = "kwp_";
    public static final int ENTROPY_LENGTH = 43;
    public static final int CHECKSUM_LENGTH = 6;
    public static final int LENGTH = PREFIX.length() + ENTROPY_LENGTH + CHECKSUM_LENGTH;
    /** Random bytes behind the 43 entropy characters (62^43 > 2^256). */
    public static final int ENTROPY_BYTES = 32;

    private static final int BODY_LENGTH = PREFIX.length() + ENTROPY_LENGTH;

    private PatFormat() {
    }

    /** Generates a new token from {@code random}, which should be a {@link SecureRandom}. */
    public static String generate(SecureRandom random) {
        byte[] entropy = new byte[ENTROPY_BYTES];
        random.nextBytes(entropy);
        char[] token = new char[LENGTH];
        PREFIX.getChars(0, PREFIX.length(), token, 0);
        Base62.encode(entropy, ENTROPY_LENGTH, token, PREFIX.length());
        Base62.encode(checksum(token), CHECKSUM_LENGTH, token, BODY_LENGTH);
        return new String(token);
    }

    /**
     * Whether {@code candidate} has the token's shape and a matching checksum. Runs in memory only; a token that
     * fails here can never be valid, so callers reject it before any store lookup.
     */
    public static boolean isWellFormed(CharSequence candidate) {
        if (candidate == null || candidate.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < PREFIX.length(); i++) {
            if (candidate.charAt(i) != PREFIX.charAt(i)) {
                return false;
            }
        }
        char[] token = new char[LENGTH];
        for (int i = PREFIX.length(); i < LENGTH; i++) {
            char c = candidate.charAt(i);
            if (!Base62.isDigit(c)) {
                return false;
            }
            token[i] = c;
        }
        PREFIX.getChars(0, PREFIX.length(), token, 0);
        char[] expected = new char[CHECKSUM_LENGTH];
        Base62.encode(checksum(token), CHECKSUM_LENGTH, expected, 0);
        for (int i = 0; i < CHECKSUM_LENGTH; i++) {
            if (expected[i] != token[BODY_LENGTH + i]) {
                return false;
            }
        }
        return true;
    }

    /** Classifies a candidate for error reporting: never echo the candidate itself. */
    public static Verdict inspect(CharSequence candidate) {
        if (candidate == null || candidate.length() != LENGTH || !startsWithPrefix(candidate)) {
            return Verdict.MALFORMED;
        }
        for (int i = PREFIX.length(); i < LENGTH; i++) {
            if (!Base62.isDigit(candidate.charAt(i))) {
                return Verdict.MALFORMED;
            }
        }
        return isWellFormed(candidate) ? Verdict.WELL_FORMED : Verdict.BAD_CHECKSUM;
    }

    private static boolean startsWithPrefix(CharSequence candidate) {
        for (int i = 0; i < PREFIX.length(); i++) {
            if (candidate.charAt(i) != PREFIX.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static long checksum(char[] token) {
        CRC32 crc = new CRC32();
        // The body is ASCII: one byte per char.
        byte[] body = new byte[BODY_LENGTH];
        for (int i = 0; i < BODY_LENGTH; i++) {
            body[i] = (byte) token[i];
        }
        crc.update(body);
        return crc.getValue();
    }

    /** What {@link #inspect} found. */
    public enum Verdict {
        WELL_FORMED, MALFORMED, BAD_CHECKSUM
    }

    static byte[] ascii(CharSequence s) {
        return s.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
