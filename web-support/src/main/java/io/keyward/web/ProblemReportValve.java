package io.keyward.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * Tomcat's last word on a request it refused before any application code saw it (an encoded slash or a NUL in the
 * path, a malformed request line or header): a problem body like every other error of Keyward, instead of Tomcat's
 * HTML page.
 */
public final class ProblemReportValve extends ErrorReportValve {

    private static final ObjectMapper JSON = Jackson2ObjectMapperBuilder.json().build();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        if (throwable != null && StoreFailures.isBodyUnreadable(throwable) && response.getStatus() >= 500) {
            response.setStatus(400); // the client's body ended early or its framing was broken: not our fault
        }
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus httpStatus = HttpStatus.resolve(status);
        ProblemDetail problem = ProblemDetails.of(ProblemErrorController.codeFor(status),
                httpStatus == null ? "The request could not be processed." : httpStatus.getReasonPhrase() + ".",
                request.getDecodedRequestURI());
        problem.setStatus(status);
        try {
            byte[] body = JSON.writeValueAsBytes(problem); // UTF-8, as JSON is; no charset parameter, like the API's
            response.setContentType("application/problem+json");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            response.finishResponse();
        } catch (IOException | IllegalStateException ignored) {
            // the connection is gone or the response was taken over; nothing more to tell
        }
    }
}
