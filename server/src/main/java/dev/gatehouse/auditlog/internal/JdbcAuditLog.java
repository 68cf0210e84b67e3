package dev.gatehouse.auditlog.internal;

import dev.gatehouse.auditlog.AuditEntry;
import dev.gatehouse.auditlog.AuditLog;
import dev.gatehouse.auditlog.AuditPage;
import dev.gatehouse.auditlog.AuditQuery;
import dev.gatehouse.auditlog.ChainVerification;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

@Service
class JdbcAuditLog implements AuditLog {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final AuditChain chain;

	private final TransactionTemplate snapshot;

	JdbcAuditLog(AuditChain chain, PlatformTransactionManager transactionManager) {
		this.chain = chain;
		this.snapshot = new TransactionTemplate(transactionManager);
		this.snapshot.setReadOnly(true);
		this.snapshot.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
	}

	@Override
	public AuditPage find(AuditQuery query) {
		List<ChainRow> rows = chain.findNewestFirst(query, query.size() + 1);
		boolean more = rows.size() > query.size();
		List<AuditEntry> entries = rows.stream().limit(query.size()).map(ChainRow::toEntry).toList();
		Long next = more ? entries.getLast().seq() : null;
		return new AuditPage(entries, query.size(), next);
	}

	@Override
	public ChainVerification verify() {
		return snapshot.execute(status -> {
			var check = new ChainCheck();
			chain.streamAll(check::accept);
			AuditChain.Head head = chain.head();
			return check.finish(head.seq(), head.hash());
		});
	}

	@Override
	public void exportJsonLines(AuditQuery query, OutputStream out) throws IOException {
		try {
			snapshot.executeWithoutResult(status -> chain.streamOldestFirst(query, row -> writeLine(row, out)));
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
		out.flush();
	}

	private static void writeLine(ChainRow row, OutputStream out) {
		try {
			out.write(JSON.writeValueAsBytes(row.toEntry()));
			out.write('\n');
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
