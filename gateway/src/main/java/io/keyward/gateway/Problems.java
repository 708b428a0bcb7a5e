package io.keyward.gateway;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.function.ServerResponse;

/** RFC 9457 answers of the gateway itself, in the same form the services use. */
final class Problems {

    private Problems() {
    }

    static ProblemDetail of(HttpStatus status, String code, String title, String detail, String path) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("/problems/" + code));
        problem.setTitle(title);
        problem.setProperty("code", code);
        if (path != null && path.chars().allMatch(c -> c > 0x20 && c < 0x7f && "\"<>\\^`{|}%".indexOf(c) < 0)) {
            problem.setInstance(URI.create(path));
        }
        return problem;
    }

    static ServerResponse response(HttpStatus status, String code, String title, String detail, String path) {
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(of(status, code, title, detail, path));
    }
}
