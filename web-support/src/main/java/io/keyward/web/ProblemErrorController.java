package io.keyward.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers errors raised outside Spring MVC (in the servlet container or a filter) with a problem body too, instead
 * of Boot's default error JSON or HTML.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object statusAttribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = statusAttribute instanceof Integer i ? i : 500;
        boolean unreadable = false;
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure) {
            if (StoreFailures.isUnavailable(failure)) {
                status = 503; // a store went away under a filter (authentication looks up the credential)
            } else if (StoreFailures.isBodyUnreadable(failure)) {
                status = 400; // the client's body ended early or its framing was broken: not our fault
                unreadable = true;
            }
        }
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        ErrorCode code = codeFor(status);
        HttpStatus httpStatus = HttpStatus.resolve(status);
        String detail = switch (code) {
            case NOT_FOUND -> "No such endpoint.";
            case PAYLOAD_TOO_LARGE -> "The request is too large.";
            case INTERNAL -> "Unexpected error.";
            default -> httpStatus == null ? "The request could not be processed." : httpStatus.getReasonPhrase() + ".";
        };
        if (unreadable) {
            detail = "The request body could not be read: it ended early or its framing is invalid.";
        }
        ProblemDetail problem = ProblemDetails.of(code, detail, uri == null ? null : uri.toString());
        problem.setStatus(status);
        if (status == 503) {
            return StoreFailures.unavailable(detail, uri == null ? null : uri.toString());
        }
        return ProblemHandler.respond(problem);
    }

    /** The error code of a bare HTTP status, for errors that carry nothing more. */
    static ErrorCode codeFor(int status) {
        return switch (status) {
            case 400 -> ErrorCode.INVALID_REQUEST;
            case 401 -> ErrorCode.UNAUTHENTICATED;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> ErrorCode.UNAVAILABLE;
            default -> status >= 500 ? ErrorCode.INTERNAL : ErrorCode.INVALID_REQUEST;
        };
    }
}
