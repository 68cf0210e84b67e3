package dev.gatehouse.accesslog.internal;

import dev.gatehouse.accesslog.ApiCall;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.stereotype.Component;

/**
 * Writes one batch with two COPYs (calls, then subject touches) in one transaction: all of the
 * batch or none of it, so a retried batch is never half there.
 */
@Component
public class CallWriter {

	private static final String COPY_CALLS = "copy accesslog.api_calls (" + CopyRows.CALL_COLUMNS
			+ ") from stdin with (format binary)";

	private static final String COPY_TOUCHES = "copy accesslog.subject_touches (" + CopyRows.TOUCH_COLUMNS
			+ ") from stdin with (format binary)";

	private final DataSource dataSource;

	private final Partitions partitions;

	CallWriter(DataSource dataSource, Partitions partitions) {
		this.dataSource = dataSource;
		this.partitions = partitions;
	}

	public void write(List<ApiCall> batch) throws SQLException {
		if (batch.isEmpty()) {
			return;
		}
		partitions.ensure(days(batch));
		var calls = new CopyRows(batch.size() * 400);
		var touches = new CopyRows(batch.size() * 120);
		for (ApiCall call : batch) {
			calls.call(call);
			touches.touches(call);
		}
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try {
				CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
				copy.copyIn(COPY_CALLS, calls.stream());
				if (touches.rows() > 0) {
					copy.copyIn(COPY_TOUCHES, touches.stream());
				}
				connection.commit();
			}
			catch (IOException ex) {
				rollback(connection);
				throw new UncheckedIOException(ex);
			}
			catch (SQLException | RuntimeException ex) {
				rollback(connection);
				throw ex;
			}
			finally {
				connection.setAutoCommit(true);
			}
		}
	}

	/** The UTC days of a batch: almost always one, so only a change of day makes a date. */
	private static Set<LocalDate> days(List<ApiCall> batch) {
		Set<LocalDate> days = new HashSet<>();
		long previous = Long.MIN_VALUE;
		for (ApiCall call : batch) {
			long day = Math.floorDiv(call.occurredAt().getEpochSecond(), 86_400);
			if (day != previous) {
				days.add(LocalDate.ofEpochDay(day));
				previous = day;
			}
		}
		return days;
	}

	/** After a failure: a partition may have been dropped under us, so check again before the retry. */
	void forgetPartitions() {
		partitions.forget();
	}

	private static void rollback(Connection connection) {
		try {
			connection.rollback();
		}
		catch (SQLException ignored) {
			// the connection is broken; the pool discards it
		}
	}

}
