package io.keyward.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A request encoded once into the bytes sent on the wire, so that sending it again costs nothing to build. */
public final class HttpRequest {

    private final String method;
    private final String target;
    private final byte[] encoded;

    private HttpRequest(String method, String target, byte[] encoded) {
        this.method = method;
        this.target = target;
        this.encoded = encoded;
    }

    public static Builder get(String target) {
        return new Builder("GET", target);
    }

    public static Builder post(String target) {
        return new Builder("POST", target);
    }

    public static Builder delete(String target) {
        return new Builder("DELETE", target);
    }

    public static Builder put(String target) {
        return new Builder("PUT", target);
    }

    public String method() {
        return method;
    }

    public String target() {
        return target;
    }

    byte[] encoded() {
        return encoded;
    }

    @Override
    public String toString() {
        return method + " " + target;
    }

    public static final class Builder {

        private final String method;
        private final String target;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private byte[] body;

        private Builder(String method, String target) {
            this.method = method;
            this.target = target;
        }

        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Builder bearer(String token) {
            return header("Authorization", "Bearer " + token);
        }

        public Builder body(String contentType, String content) {
            headers.put("Content-Type", contentType);
            body = content.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        public HttpRequest build(String host) {
            StringBuilder head = new StringBuilder(256).append(method).append(' ').append(target)
                    .append(" HTTP/1.1\r\nHost: ").append(host).append("\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            if (body != null || !method.equals("GET")) {
                head.append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\n");
            }
            head.append("\r\n");
            byte[] start = head.toString().getBytes(StandardCharsets.ISO_8859_1);
            if (body == null) {
                return new HttpRequest(method, target, start);
            }
            byte[] all = new byte[start.length + body.length];
            System.arraycopy(start, 0, all, 0, start.length);
            System.arraycopy(body, 0, all, start.length, body.length);
            return new HttpRequest(method, target, all);
        }
    }
}
