package io.keyward.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProblemDetailsTest {

    @ParameterizedTest
    @ValueSource(strings = {"/api/v2/auth/serviceaccount/[]", "/a/%00/b", "/x y/\"<>\\^`{|}", "/a#b?c=d",
            "/\u00e9\ud83d\ude00", "/\u0000\r\n", "/ok/123"})
    void anyRequestPathBecomesAValidInstanceThatDecodesBackToIt(String path) {
        String instance = ProblemDetails.of(ErrorCode.INVALID_REQUEST, "bad", path).getInstance().toString();

        assertThat(URLDecoder.decode(instance.replace("+", "%2B"), StandardCharsets.UTF_8)).isEqualTo(path);
    }
}
