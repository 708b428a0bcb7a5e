package io.keyward.web;

import java.net.URI;
import org.springframework.http.ProblemDetail;

/** Builds the RFC 9457 bodies of every Keyward error. */
public final class ProblemDetails {

    private ProblemDetails() {
    }

    public static ProblemDetail of(ErrorCode code, String detail, String instance) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(code.status(), detail);
        problem.setType(URI.create("/problems/" + code.code()));
        problem.setTitle(code.title());
        problem.setProperty("code", code.code());
        if (instance != null) {
            problem.setInstance(URI.create(safePath(instance)));
        }
        return problem;
    }

    public static ProblemDetail of(KeywardException e, String instance) {
        return of(e.code(), e.detail(), instance);
    }

    /**
     * Keeps the request path usable as a URI reference whatever odd characters it has: everything but a path's own
     * characters (RFC 3986 pchar and '/') is percent-encoded, '%' included.
     */
    private static final java.util.BitSet PATH_CHARACTERS = new java.util.BitSet(128);

    static {
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/"
                .chars().forEach(PATH_CHARACTERS::set);
    }

    private static String safePath(String path) {
        byte[] bytes = path.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        StringBuilder safe = new StringBuilder(Math.min(bytes.length, 512));
        for (int i = 0; i < bytes.length && safe.length() < 512; i++) {
            int b = bytes[i] & 0xff;
            if (!PATH_CHARACTERS.get(b)) {
                safe.append('%').append(String.format("%02X", b));
            } else {
                safe.append((char) b);
            }
        }
        return safe.toString();
    }
}
