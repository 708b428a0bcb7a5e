package io.keyward.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 written byte for byte on a socket, for requests no well-behaved client would send (CR or LF inside a
 * header, control bytes, headers of any size) and that Java's HTTP client therefore refuses to build.
 */
final class RawHttp {

    private RawHttp() {
    }

    /** The answer's status line and the rest, or status -1 if the server closed the connection without one. */
    record Answer(int status, String text) {
    }

    static Answer send(String baseUrl, byte[] request) {
        return send(baseUrl, request, null);
    }

    /** As {@link #send(String, byte[])}, from a local address of the caller's choice (127.0.0.2, say). */
    static Answer send(String baseUrl, byte[] request, java.net.InetAddress from) {
        URI uri = URI.create(baseUrl);
        try (Socket socket = new Socket()) {
            if (from != null) {
                socket.bind(new InetSocketAddress(from, 0));
            }
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
                socket.shutdownOutput();
            } catch (IOException closedEarly) {
                // the server may answer (413, 431, 400) and close before the whole request was written
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int read; (read = in.read(buffer)) != -1 && answer.size() < 1_000_000; ) {
                    answer.write(buffer, 0, read);
                }
            } catch (IOException reset) {
                // what was read before the reset still counts
            }
            String text = answer.toString(StandardCharsets.ISO_8859_1);
            if (!text.startsWith("HTTP/1.1 ")) {
                return new Answer(-1, text);
            }
            return new Answer(Integer.parseInt(text.substring(9, 12)), text);
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + baseUrl + ": " + e.getMessage(), e);
        }
    }

    static byte[] request(String method, String path, String headers, byte[] body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headers
                + "Content-Length: " + body.length + "\r\n\r\n";
        bytes.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        bytes.writeBytes(body);
        return bytes.toByteArray();
    }
}
