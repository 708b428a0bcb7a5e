package io.keyward.pat;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keyed hash under which a PAT is stored: HMAC-SHA256 with a server-side pepper. Without the pepper a stolen
 * event store or credential index cannot be used to test candidate tokens offline.
 *
 * <p>Thread-safe: each thread keeps its own {@link Mac}.</p>
 */
public final class PatHasher {

    /** The shortest pepper accepted, in bytes: as long as the HMAC-SHA256 output. */
    public static final int MIN_PEPPER_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    public PatHasher(byte[] pepper) {
        if (pepper == null || pepper.length < MIN_PEPPER_BYTES) {
            throw new IllegalArgumentException(
                    "the PAT pepper must be at least " + MIN_PEPPER_BYTES + " bytes long");
        }
        this.key = new SecretKeySpec(pepper.clone(), ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** The keyed hash of a well-formed token. */
    public byte[] hash(CharSequence token) {
        Mac mac = macs.get();
        return mac.doFinal(PatFormat.ascii(token));
    }

    /** The keyed hash as unpadded base64url text, the form events carry. */
    public String hashText(CharSequence token) {
        return encode(hash(token));
    }

    /** Constant-time comparison of two hashes. */
    public static boolean matches(byte[] expected, byte[] actual) {
        return MessageDigest.isEqual(expected, actual);
    }

    public static String encode(byte[] hash) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    }

    public static byte[] decode(String hashText) {
        return Base64.getUrlDecoder().decode(hashText);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
