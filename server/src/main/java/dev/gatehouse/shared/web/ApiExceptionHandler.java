package dev.gatehouse.shared.web;

import jakarta.servlet.http.HttpServletRequest;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every JSON API error as RFC 9457 problem+json with a stable type: what was wrong, and which field.
 * Exception messages from libraries never reach the client.
 */
@RestControllerAdvice(annotations = RestController.class)
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	@ExceptionHandler(InputRejectedException.class)
	ResponseEntity<ProblemDetail> rejected(InputRejectedException ex, HttpServletRequest request) {
		var problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-input", ex.getMessage(), request);
		var errors = ex.violations()
			.stream()
			.filter(v -> v.field() != null)
			.map(v -> Map.of("field", v.field(), "message", v.message()))
			.toList();
		if (!errors.isEmpty()) {
			problem.setProperty("errors", errors);
		}
		return respond(problem);
	}

	@ExceptionHandler(NotFoundException.class)
	ResponseEntity<ProblemDetail> notFound(NotFoundException ex, HttpServletRequest request) {
		return respond(problem(HttpStatus.NOT_FOUND, "not-found", ex.getMessage(), request));
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException ex, HttpServletRequest request) {
		var problem = problem(HttpStatus.BAD_REQUEST, "invalid-parameter",
				"The parameter '" + ex.getName() + "' has an invalid value.", request);
		problem.setProperty("errors", List.of(Map.of("field", ex.getName(), "message", "invalid value")));
		return respond(problem);
	}

	/** {@code @PreAuthorize} refusals: the token lacks a scope or its owner a role (RFC 6750 section 3.1). */
	@ExceptionHandler(AccessDeniedException.class)
	ResponseEntity<ProblemDetail> denied(AccessDeniedException ex, HttpServletRequest request) {
		var problem = problem(HttpStatus.FORBIDDEN, "insufficient-scope",
				"The token's scopes or its owner's roles do not allow this request.", request);
		return ResponseEntity.status(HttpStatus.FORBIDDEN)
			.header(HttpHeaders.WWW_AUTHENTICATE,
					"Bearer error=\"insufficient_scope\", error_description=\"The request requires higher privileges than provided by the access token.\"")
			.body(problem);
	}

	/** No database connection in time or a passing database failure: retry, as on the pages. */
	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex, HttpServletRequest request) {
		if (DatabaseBusy.causedBy(ex)) {
			log.warn("Database busy on {} {}: answered 503", request.getMethod(), request.getRequestURI());
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.header(HttpHeaders.RETRY_AFTER, DatabaseBusy.RETRY_AFTER_SECONDS)
				.contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
				.body(problem(HttpStatus.SERVICE_UNAVAILABLE, "busy", DatabaseBusy.MESSAGE, request));
		}
		log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), ex);
		return respond(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
				"Something went wrong on our side. It has been logged.", request));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem;
		if (ex.getCause() instanceof UnrecognizedPropertyException unknown) {
			problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
					"Unknown field '" + unknown.getPropertyName() + "'.");
			problem.setType(ProblemTypes.of("unknown-field"));
			problem.setProperty("errors", List.of(Map.of("field", unknown.getPropertyName(), "message", "unknown field")));
		}
		else if (ex.getCause() instanceof JacksonException json && json.getPath() != null && !json.getPath().isEmpty()) {
			String field = json.getPath()
				.stream()
				.map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
				.reduce((a, b) -> a + "." + b)
				.orElse("");
			problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
					"The field '" + field + "' has a value of the wrong type or format.");
			problem.setType(ProblemTypes.of("invalid-field"));
			problem.setProperty("errors", List.of(Map.of("field", field, "message", "wrong type or format")));
		}
		else {
			problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
					"The request body is missing or is not valid JSON.");
			problem.setType(ProblemTypes.of("malformed-json"));
		}
		return new ResponseEntity<>(problem, HttpStatus.BAD_REQUEST);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
				"Some fields are invalid.");
		problem.setType(ProblemTypes.of("invalid-input"));
		problem.setProperty("errors", ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(error -> Map.of("field", error.getField(), "message",
					error.getDefaultMessage() == null ? "invalid" : error.getDefaultMessage()))
			.toList());
		return new ResponseEntity<>(problem, HttpStatus.UNPROCESSABLE_CONTENT);
	}

	private static ProblemDetail problem(HttpStatus status, String type, String detail, HttpServletRequest request) {
		var problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(ProblemTypes.of(type));
		problem.setInstance(URI.create(request.getRequestURI()));
		return problem;
	}

	private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
		return ResponseEntity.status(problem.getStatus()).body(problem);
	}

}
