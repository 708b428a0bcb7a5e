package io.keyward.pat;

import java.math.BigInteger;

/**
 * Fixed-width base62 ({@code 0-9A-Za-z}) encoding of non-negative numbers, as used by the PAT format.
 */
final class Base62 {

    static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final BigInteger BASE = BigInteger.valueOf(62);
    private static final byte[] DIGIT_VALUES = new byte[128];

    static {
        java.util.Arrays.fill(DIGIT_VALUES, (byte) -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            DIGIT_VALUES[ALPHABET.charAt(i)] = (byte) i;
        }
    }

    private Base62() {
    }

    /** Encodes {@code value} into exactly {@code width} digits, most significant first. */
    static void encode(long value, int width, char[] target, int offset) {
        if (value < 0) {
            throw new IllegalArgumentException("negative value");
        }
        for (int i = offset + width - 1; i >= offset; i--) {
            target[i] = ALPHABET.charAt((int) (value % 62));
            value /= 62;
        }
        if (value != 0) {
            throw new IllegalArgumentException("value does not fit in " + width + " base62 digits");
        }
    }

    /** Encodes an unsigned big-endian number into exactly {@code width} digits. */
    static void encode(byte[] unsignedBigEndian, int width, char[] target, int offset) {
        BigInteger value = new BigInteger(1, unsignedBigEndian);
        for (int i = offset + width - 1; i >= offset; i--) {
            BigInteger[] qr = value.divideAndRemainder(BASE);
            target[i] = ALPHABET.charAt(qr[1].intValue());
            value = qr[0];
        }
        if (value.signum() != 0) {
            throw new IllegalArgumentException("value does not fit in " + width + " base62 digits");
        }
    }

    static boolean isDigit(char c) {
        return c < 128 && DIGIT_VALUES[c] >= 0;
    }
}
