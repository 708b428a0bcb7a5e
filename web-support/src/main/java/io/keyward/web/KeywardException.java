package io.keyward.web;

/**
 * A business or request error with its {@link ErrorCode}; the detail is shown to the caller, so it must never
 * contain a token, a hash or anything about another tenant.
 */
public class KeywardException extends RuntimeException {

    private final ErrorCode code;

    public KeywardException(ErrorCode code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }

    public static KeywardException invalid(String detail) {
        return new KeywardException(ErrorCode.INVALID_REQUEST, detail);
    }

    public static KeywardException notFound(String detail) {
        return new KeywardException(ErrorCode.NOT_FOUND, detail);
    }
}
