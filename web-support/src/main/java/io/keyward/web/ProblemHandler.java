package io.keyward.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one place where exceptions become HTTP answers: an RFC 9457 problem with a useful detail, never a stack trace,
 * never an echo of a secret.
 */
@RestControllerAdvice
public class ProblemHandler {

    /** Request attribute holding the {@link ErrorCode} of a request answered with a Keyward error. */
    public static final String ERROR_CODE = ProblemHandler.class.getName() + ".errorCode";
    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(KeywardException.class)
    ResponseEntity<ProblemDetail> keyward(KeywardException e, HttpServletRequest request) {
        request.setAttribute(ERROR_CODE, e.code());
        return respond(ProblemDetails.of(e, request.getRequestURI()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        return problem(ErrorCode.INVALID_REQUEST, describeUnreadable(e), request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        String expected = e.getRequiredType() == null ? "a valid value" : describeType(e.getRequiredType());
        return problem(ErrorCode.INVALID_REQUEST,
                "Parameter '" + e.getName() + "' must be " + expected + ".", request);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e,
                                                   HttpServletRequest request) {
        return problem(ErrorCode.INVALID_REQUEST,
                "Query parameter '" + e.getParameterName() + "' is required.", request);
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException e, HttpServletRequest request) {
        return problem(ErrorCode.INVALID_REQUEST, "Header '" + e.getHeaderName() + "' is required.", request);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> methodNotAllowed(HttpRequestMethodNotSupportedException e,
                                                   HttpServletRequest request) {
        ResponseEntity<ProblemDetail> response = problem(ErrorCode.METHOD_NOT_ALLOWED,
                "Method " + e.getMethod() + " is not supported here.", request);
        if (e.getSupportedHttpMethods() == null || e.getSupportedHttpMethods().isEmpty()) {
            return response;
        }
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(response.getHeaders());
        headers.setAllow(e.getSupportedHttpMethods());
        return new ResponseEntity<>(response.getBody(), headers, response.getStatusCode());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> unsupportedMediaType(HttpMediaTypeNotSupportedException e,
                                                       HttpServletRequest request) {
        String supported = e.getSupportedMediaTypes().stream().map(MediaType::toString)
                .collect(Collectors.joining(", "));
        return problem(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                "Content type " + (e.getContentType() == null ? "(none)" : e.getContentType().toString())
                        + " is not supported; use " + supported + ".", request);
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e, HttpServletRequest request) {
        return problem(ErrorCode.NOT_ACCEPTABLE, "Responses are application/json.", request);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noResource(NoResourceFoundException e, HttpServletRequest request) {
        return problem(ErrorCode.NOT_FOUND, "No such endpoint.", request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        if (StoreFailures.isUnavailable(e)) {
            log.warn("A store is unavailable: {}", e.toString());
            return StoreFailures.unavailable("A store is unavailable; retry shortly.", request.getRequestURI());
        }
        String reference = UUID.randomUUID().toString();
        log.error("Unexpected error, reference {}", reference, e);
        return problem(ErrorCode.INTERNAL, "Unexpected error; reference " + reference + ".", request);
    }

    private static ResponseEntity<ProblemDetail> problem(ErrorCode code, String detail, HttpServletRequest request) {
        return respond(ProblemDetails.of(code, detail, request.getRequestURI()));
    }

    static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static String describeUnreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException u) {
            return "Field '" + path(u) + "' is not allowed here.";
        }
        if (cause instanceof ValueInstantiationException v && v.getCause() instanceof KeywardException k) {
            return k.detail();
        }
        if (cause instanceof ValueInstantiationException v && v.getCause() instanceof IllegalArgumentException i) {
            return i.getMessage();
        }
        if (cause instanceof InvalidFormatException f) {
            return "Field '" + path(f) + "' must be " + describeType(f.getTargetType()) + ".";
        }
        if (cause instanceof MismatchedInputException m) {
            if (m.getPath().isEmpty()) {
                return "The request body must be a JSON object.";
            }
            return "Field '" + path(m) + "' must be " + describeType(m.getTargetType()) + ".";
        }
        if (cause instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            return "Field '" + path(m) + "' has an invalid value.";
        }
        if (cause instanceof JsonProcessingException p && p.getOriginalMessage() != null
                && p.getOriginalMessage().startsWith("Duplicate field")) {
            return p.getOriginalMessage().replace("Duplicate field", "Field") + " is given more than once.";
        }
        if (cause instanceof JsonProcessingException p) {
            return "Malformed JSON" + (p.getLocation() == null ? "" : " at line " + p.getLocation().getLineNr()
                    + ", column " + p.getLocation().getColumnNr()) + ".";
        }
        return "The request body is missing or unreadable.";
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String describeType(Class<?> type) {
        if (type == null) {
            return "a valid value";
        }
        if (type == String.class || type.isEnum()) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an RFC 3339 timestamp";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
