package dev.gatehouse.shared.web;

import java.sql.SQLTransientException;

import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/** Failures that mean "the database is too busy right now, retry": no pooled connection in time, or a passing error. */
final class DatabaseBusy {

	/** What a client is told to wait before retrying, in seconds. */
	static final String RETRY_AFTER_SECONDS = "5";

	static final String MESSAGE = "Gatehouse is busy right now. Nothing was lost; try again in a moment.";

	private DatabaseBusy() {
	}

	/** Whether {@code failure} or one of its causes is such a failure. */
	static boolean causedBy(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof CannotGetJdbcConnectionException || t instanceof CannotCreateTransactionException
					|| t instanceof TransientDataAccessException || t instanceof SQLTransientException) {
				return true;
			}
		}
		return false;
	}

}
