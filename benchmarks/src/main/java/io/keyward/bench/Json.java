package io.keyward.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.keyward.bench.load.HttpConnection;
import java.io.IOException;

/** JSON in and out of the harness. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    public static JsonNode parse(HttpConnection.HttpResponse response) throws IOException {
        return MAPPER.readTree(response.body());
    }

    public static String field(HttpConnection.HttpResponse response, String name) throws IOException {
        JsonNode value = parse(response).get(name);
        if (value == null || value.isNull()) {
            throw new IOException("the response has no '" + name + "': " + response.text());
        }
        return value.asText();
    }

    /** A JSON string literal. */
    public static String quote(String text) {
        try {
            return MAPPER.writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
