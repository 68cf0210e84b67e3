package dev.gatehouse.shared.web;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Pages: a missing or foreign resource is a 404 page, a refused input a 400 page and a database too
 * busy to answer in time a 503 page, never a 500. When the session cannot be read or saved for the
 * same reason, {@link DatabaseBusyFilter} answers instead.
 * JSON controllers are answered first by {@link ApiExceptionHandler}.
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageExceptionHandler {

	@ExceptionHandler({ NotFoundException.class, MethodArgumentTypeMismatchException.class })
	String notFound(HttpServletResponse response, Model model) {
		return error(response, model, HttpStatus.NOT_FOUND, null);
	}

	@ExceptionHandler(InputRejectedException.class)
	String rejected(InputRejectedException ex, HttpServletResponse response, Model model) {
		return error(response, model, HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	/**
	 * No database connection in time (the pool busy) or another passing database failure: the page
	 * says to try again in a moment, a 503 the client may retry, not a 500.
	 */
	@ExceptionHandler({ CannotGetJdbcConnectionException.class, CannotCreateTransactionException.class,
			TransientDataAccessException.class })
	String busy(HttpServletResponse response, Model model) {
		response.setHeader("Retry-After", DatabaseBusy.RETRY_AFTER_SECONDS);
		return error(response, model, HttpStatus.SERVICE_UNAVAILABLE, DatabaseBusy.MESSAGE);
	}

	private static String error(HttpServletResponse response, Model model, HttpStatus status, String message) {
		response.setStatus(status.value());
		model.addAttribute("status", status.value());
		model.addAttribute("message", message);
		return "error";
	}

}
