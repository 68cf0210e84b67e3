package dev.gatehouse.auditlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.groups.Tuple.tuple;

import dev.gatehouse.auditlog.ChainVerification.Kind;
import dev.gatehouse.auditlog.ChainVerification.Problem;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest
class AuditLogIntegrationTests {

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	AuditLog auditLog;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@AfterEach
	void clearContexts() {
		SecurityContextHolder.clearContext();
		RequestContextHolder.resetRequestAttributes();
	}

	@Test
	void publishWhenEventsInTransactionThenRowsAreRecordedAndChained() {
		String target = TestAudited.randomTarget();
		new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
			events.publishEvent(TestAudited.by("alice", "test.thing.created", target, Map.of("b", "x", "a", 1)));
			events.publishEvent(TestAudited.by("alice", "test.thing.renamed", target, Map.of("name", "Ünïcode")));
			events.publishEvent(TestAudited.by("bob", "test.thing.deleted", target, Map.of()));
		});

		List<AuditEntry> entries = auditLog.find(AuditQuery.all().withTarget(target)).entries();

		assertThat(entries).extracting(AuditEntry::action)
			.containsExactly("test.thing.deleted", "test.thing.renamed", "test.thing.created");
		assertThat(entries).extracting(AuditEntry::actor).containsExactly("bob", "alice", "alice");
		assertThat(entries.getLast().details()).isEqualTo("{\"a\":1,\"b\":\"x\"}");
		assertThat(entries.get(1).details()).isEqualTo("{\"name\":\"Ünïcode\"}");
		assertThat(entries.getFirst().details()).isEqualTo("{}");
		assertThat(entries.get(0).seq()).isEqualTo(entries.get(1).seq() + 1).isEqualTo(entries.get(2).seq() + 2);
		assertThat(entries.get(0).prevHash()).isEqualTo(entries.get(1).hash());
		assertThat(entries.get(1).prevHash()).isEqualTo(entries.get(2).hash());
		assertThat(entries).allSatisfy(entry -> {
			assertThat(entry.hash()).hasSize(64);
			assertThat(entry.occurredAt().getNano() % 1000).isZero();
		});
		assertThat(auditLog.verify().ok()).isTrue();
	}

	@Test
	void publishWhenNoActorAndUserAuthenticatedThenActorIsUserName() {
		String target = TestAudited.randomTarget();
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("carol", null,
					AuthorityUtils.createAuthorityList("ROLE_ADMIN")));

		events.publishEvent(TestAudited.of("test.thing.viewed", target));

		assertThat(onlyEntry(target).actor()).isEqualTo("carol");
	}

	@Test
	void publishWhenNoActorAndAnonymousThenActorIsSystem() {
		String target = TestAudited.randomTarget();
		SecurityContextHolder.getContext()
			.setAuthentication(new AnonymousAuthenticationToken("key", "anonymousUser",
					AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));

		events.publishEvent(TestAudited.of("test.thing.viewed", target));

		assertThat(onlyEntry(target).actor()).isEqualTo("system");
	}

	@Test
	void publishWhenEventNamesActorThenItWinsOverAuthenticatedUser() {
		String target = TestAudited.randomTarget();
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("carol", null, List.of()));

		events.publishEvent(TestAudited.by("login:dave", "test.login.failed", target, Map.of()));

		assertThat(onlyEntry(target).actor()).isEqualTo("login:dave");
	}

	@Test
	void publishWhenInsideRequestThenRemoteAddressIsRecorded() {
		String target = TestAudited.randomTarget();
		var request = new MockHttpServletRequest();
		request.setRemoteAddr("203.0.113.7");
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));

		events.publishEvent(TestAudited.of("test.thing.viewed", target));

		assertThat(onlyEntry(target).actorIp()).isEqualTo("203.0.113.7");
	}

	@Test
	void publishWhenPublisherTransactionRollsBackThenNoRowIsRecorded() {
		String target = TestAudited.randomTarget();
		new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
			events.publishEvent(TestAudited.of("test.thing.created", target));
			status.setRollbackOnly();
		});

		assertThat(auditLog.find(AuditQuery.all().withTarget(target)).entries()).isEmpty();
		assertThat(auditLog.verify().ok()).isTrue();
	}

	@Test
	void publishWhenPublisherTransactionIsReadOnlyThenRowIsRecordedAnyway() {
		String target = TestAudited.randomTarget();
		var readOnly = new TransactionTemplate(transactionManager);
		readOnly.setReadOnly(true);

		readOnly.executeWithoutResult(status -> events.publishEvent(TestAudited.of("test.thing.viewed", target)));

		assertThat(onlyEntry(target).action()).isEqualTo("test.thing.viewed");
	}

	@Test
	void publishWhenManyThreadsAppendAtOnceThenChainStaysUnbroken() throws Exception {
		String target = TestAudited.randomTarget();
		int threads = 8;
		int perThread = 15;
		try (var executor = Executors.newFixedThreadPool(threads)) {
			List<Callable<Void>> tasks = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				tasks.add(() -> {
					for (int i = 0; i < perThread; i++) {
						int n = i;
						new TransactionTemplate(transactionManager).executeWithoutResult(status -> events
							.publishEvent(TestAudited.by("thread-" + thread, "test.concurrent", target, Map.of("n", n))));
					}
					return null;
				});
			}
			for (Future<Void> result : executor.invokeAll(tasks)) {
				result.get();
			}
		}

		List<AuditEntry> entries = auditLog.find(new AuditQuery(null, null, target, null, null, null, 500)).entries();
		assertThat(entries).hasSize(threads * perThread);
		assertThat(entries).extracting(AuditEntry::seq).doesNotHaveDuplicates();
		assertThat(entries).as("no request on these threads").extracting(AuditEntry::actorIp).containsOnlyNulls();
		ChainVerification verification = auditLog.verify();
		assertThat(verification.problems()).isEmpty();
		assertThat(verification.ok()).isTrue();
	}

	@Test
	void findWhenFilteredAndPagedThenNewestFirstAcrossPages() {
		String target = TestAudited.randomTarget();
		for (int i = 0; i < 5; i++) {
			events.publishEvent(TestAudited.by("erin", "test.paging." + i, target, Map.of()));
		}
		events.publishEvent(TestAudited.by("erin", "other.paging", target, Map.of()));

		var query = new AuditQuery("erin", "test.paging.", target, null, null, null, 2);
		AuditPage first = auditLog.find(query);
		AuditPage second = auditLog.find(query.withBeforeSeq(first.nextBeforeSeq()));
		AuditPage third = auditLog.find(query.withBeforeSeq(second.nextBeforeSeq()));

		assertThat(first.entries()).extracting(AuditEntry::action).containsExactly("test.paging.4", "test.paging.3");
		assertThat(second.entries()).extracting(AuditEntry::action).containsExactly("test.paging.2", "test.paging.1");
		assertThat(third.entries()).extracting(AuditEntry::action).containsExactly("test.paging.0");
		assertThat(third.hasNext()).isFalse();
		AuditEntry newest = first.entries().getFirst();
		var timeWindow = new AuditQuery(null, null, target, newest.occurredAt(), newest.occurredAt().plusMillis(1), null,
				10);
		assertThat(auditLog.find(timeWindow).entries()).extracting(AuditEntry::action).contains("test.paging.4")
			.doesNotContain("test.paging.0", "test.paging.1");
	}

	@Test
	void findWhenActionPrefixHasLikeWildcardsThenTheyMatchLiterally() {
		String target = TestAudited.randomTarget();
		events.publishEvent(TestAudited.of("test.under_score", target));
		events.publishEvent(TestAudited.of("test.underXscore", target));

		var query = new AuditQuery(null, "test.under_", target, null, null, null, 10);

		assertThat(auditLog.find(query).entries()).extracting(AuditEntry::action).containsExactly("test.under_score");
	}

	@Test
	void verifyWhenChainIntactThenOk() {
		events.publishEvent(TestAudited.of("test.thing.created", TestAudited.randomTarget()));

		ChainVerification verification = auditLog.verify();

		assertThat(verification.ok()).isTrue();
		assertThat(verification.problems()).isEmpty();
		assertThat(verification.rowsChecked()).isPositive().isEqualTo(verification.headSeq());
	}

	@Test
	void verifyWhenRowEditedThenHashMismatchAtThatRow() throws SQLException {
		List<Long> seqs = publishThree();
		long edited = seqs.get(1);
		String originalActor = jdbc.sql("select actor from auditlog.audit_events where seq = ?")
			.param(edited)
			.query(String.class)
			.single();
		try {
			bypassingTriggers("update auditlog.audit_events set actor = 'mallory' where seq = " + edited);

			assertThat(auditLog.verify().problems()).extracting(Problem::seq, Problem::kind)
				.containsExactly(tuple(edited, Kind.HASH_MISMATCH));
		}
		finally {
			try (Connection connection = bypassingConnection();
					PreparedStatement restore = connection
						.prepareStatement("update auditlog.audit_events set actor = ? where seq = ?")) {
				restore.setString(1, originalActor);
				restore.setLong(2, edited);
				restore.executeUpdate();
				reset(connection);
			}
		}
		assertThat(auditLog.verify().ok()).isTrue();
	}

	@Test
	void verifyWhenMiddleRowDeletedThenSeqGapAtMissingRow() throws SQLException {
		List<Long> seqs = publishThree();
		long deleted = seqs.get(1);
		List<Map<String, Object>> saved = rows(deleted, deleted);
		try {
			bypassingTriggers("delete from auditlog.audit_events where seq = " + deleted);

			ChainVerification verification = auditLog.verify();
			assertThat(verification.ok()).isFalse();
			assertThat(verification.problems()).extracting(Problem::seq, Problem::kind)
				.containsExactly(tuple(deleted, Kind.SEQ_GAP));
		}
		finally {
			restore(saved);
		}
		assertThat(auditLog.verify().ok()).isTrue();
	}

	@Test
	void verifyWhenTailRowsDeletedThenHeadMismatch() throws SQLException {
		List<Long> seqs = publishThree();
		long firstDeleted = seqs.get(1);
		long last = seqs.get(2);
		assertThat(last).as("the test's rows are the tail").isEqualTo(auditLog.verify().headSeq());
		List<Map<String, Object>> saved = rows(firstDeleted, last);
		try {
			bypassingTriggers("delete from auditlog.audit_events where seq >= " + firstDeleted);

			ChainVerification verification = auditLog.verify();
			assertThat(verification.ok()).isFalse();
			assertThat(verification.problems()).extracting(Problem::seq, Problem::kind)
				.containsExactly(tuple(last, Kind.HEAD_MISMATCH));
		}
		finally {
			restore(saved);
		}
		assertThat(auditLog.verify().ok()).isTrue();
	}

	@Test
	void updateWhenTriggersActiveThenRefused() {
		long seq = publishThree().getFirst();

		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> jdbc.sql("update auditlog.audit_events set actor = 'mallory' where seq = ?")
				.param(seq)
				.update())
			.havingRootCause()
			.withMessageContaining("audit events are append-only");
		assertThat(auditLog.find(AuditQuery.all().withBeforeSeq(seq + 1)).entries().getFirst().actor())
			.isEqualTo("alice");
	}

	@Test
	void deleteWhenTriggersActiveThenRefused() {
		long seq = publishThree().getFirst();

		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> jdbc.sql("delete from auditlog.audit_events where seq = ?").param(seq).update())
			.havingRootCause()
			.withMessageContaining("audit events are append-only");
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> jdbc.sql("truncate auditlog.audit_events").update())
			.havingRootCause()
			.withMessageContaining("audit events are append-only");
		assertThat(auditLog.verify().ok()).isTrue();
	}

	@Test
	void exportWhenFilteredThenOneJsonObjectPerLineOldestFirst() throws Exception {
		String target = TestAudited.randomTarget();
		events.publishEvent(TestAudited.by("frank", "test.export.first", target, Map.of("k", "v", "n", 2)));
		events.publishEvent(TestAudited.by("frank", "test.export.second", target, Map.of()));
		var out = new ByteArrayOutputStream();

		auditLog.exportJsonLines(AuditQuery.all().withTarget(target), out);

		String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
		assertThat(lines).hasSize(2);
		var json = JsonMapper.builder().build();
		JsonNode first = json.readTree(lines[0]);
		JsonNode second = json.readTree(lines[1]);
		assertThat(first.get("action").asString()).isEqualTo("test.export.first");
		assertThat(first.get("details").isObject()).isTrue();
		assertThat(first.get("details").get("k").asString()).isEqualTo("v");
		assertThat(first.get("details").get("n").asInt()).isEqualTo(2);
		assertThat(first.get("actor").asString()).isEqualTo("frank");
		assertThat(first.get("occurredAt").asString()).endsWith("Z");
		assertThat(first.get("hash").asString()).matches("[0-9a-f]{64}");
		assertThat(second.get("seq").asLong()).isGreaterThan(first.get("seq").asLong());
		assertThat(second.get("prevHash").asString()).isEqualTo(first.get("hash").asString());
		assertThat(first.has("actorIp")).isTrue();
	}

	private AuditEntry onlyEntry(String target) {
		List<AuditEntry> entries = auditLog.find(AuditQuery.all().withTarget(target)).entries();
		assertThat(entries).hasSize(1);
		return entries.getFirst();
	}

	/** Three consecutive rows of a fresh target, oldest first. */
	private List<Long> publishThree() {
		String target = TestAudited.randomTarget();
		new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
			for (int i = 0; i < 3; i++) {
				events.publishEvent(TestAudited.by("alice", "test.tamper", target, Map.of("i", i)));
			}
		});
		List<Long> seqs = auditLog.find(AuditQuery.all().withTarget(target))
			.entries()
			.stream()
			.map(AuditEntry::seq)
			.sorted()
			.toList();
		assertThat(seqs).hasSize(3);
		assertThat(seqs.get(2) - seqs.get(0)).isEqualTo(2);
		return seqs;
	}

	private List<Map<String, Object>> rows(long fromSeq, long toSeq) {
		return jdbc.sql("select * from auditlog.audit_events where seq between ? and ? order by seq")
			.params(fromSeq, toSeq)
			.query()
			.listOfRows();
	}

	/** Puts deleted rows back exactly as they were, bypassing the append-only triggers. */
	private void restore(List<Map<String, Object>> rows) throws SQLException {
		try (Connection connection = bypassingConnection();
				PreparedStatement insert = connection.prepareStatement("""
						insert into auditlog.audit_events (seq, occurred_at, actor, actor_ip, action, target, details, prev_hash, hash)
						values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
			for (Map<String, Object> row : rows) {
				int i = 1;
				for (String column : List.of("seq", "occurred_at", "actor", "actor_ip", "action", "target", "details",
						"prev_hash", "hash")) {
					insert.setObject(i++, row.get(column));
				}
				insert.executeUpdate();
			}
			reset(connection);
		}
	}

	/**
	 * Runs SQL as an attacker with database superuser rights would: with
	 * {@code session_replication_role = replica}, which skips ordinary triggers.
	 */
	private void bypassingTriggers(String sql) throws SQLException {
		try (Connection connection = bypassingConnection()) {
			try (var statement = connection.createStatement()) {
				assertThat(statement.executeUpdate(sql)).isPositive();
			}
			reset(connection);
		}
	}

	private Connection bypassingConnection() throws SQLException {
		Connection connection = dataSource.getConnection();
		try (var statement = connection.createStatement()) {
			statement.execute("set session_replication_role = replica");
		}
		return connection;
	}

	/** Pooled connections go back to the pool with triggers enabled again. */
	private static void reset(Connection connection) throws SQLException {
		try (var statement = connection.createStatement()) {
			statement.execute("set session_replication_role = origin");
			try (ResultSet rs = statement.executeQuery("show session_replication_role")) {
				rs.next();
				assertThat(rs.getString(1)).isEqualTo("origin");
			}
		}
	}

}
