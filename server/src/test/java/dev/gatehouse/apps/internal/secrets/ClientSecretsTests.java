package dev.gatehouse.apps.internal.secrets;

import dev.gatehouse.apps.internal.secrets.ClientSecrets.ExpiryChange;
import dev.gatehouse.apps.internal.secrets.ClientSecrets.Issued;
import dev.gatehouse.apps.internal.secrets.ClientSecrets.Rotation;
import dev.gatehouse.apps.internal.secrets.ClientSecrets.StoredSecret;
import dev.gatehouse.shared.crypto.SecretDigester;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.mac.MacConfig;
import com.google.crypto.tink.mac.PredefinedMacParameters;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

class ClientSecretsTests {

	private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

	private final SecretDigester digester = digester();

	private final ClientSecrets secrets = new ClientSecrets(digester);

	@Test
	void issueWhenCalledThenSecretIsPrefixedUrlSafeAndCarries256RandomBits() {
		Issued issued = secrets.issue();

		assertThat(issued.plaintext()).startsWith("ghcs_").matches("ghcs_[A-Za-z0-9_-]{43}");
		byte[] random = Base64.getUrlDecoder().decode(issued.plaintext().substring("ghcs_".length()));
		assertThat(random).hasSize(32);
		assertThat(issued.id()).isNotBlank();
	}

	@Test
	void issueWhenCalledManyTimesThenNoSecretRepeats() {
		var seen = new HashSet<String>();
		for (int i = 0; i < 1000; i++) {
			assertThat(seen.add(secrets.issue().plaintext())).isTrue();
		}
	}

	@Test
	void issueWhenCalledThenDigestIsNotThePlaintextAndToStringHidesThePlaintext() {
		Issued issued = secrets.issue();
		String body = issued.plaintext().substring("ghcs_".length());

		assertThat(issued.digest()).isNotEqualTo(issued.plaintext().getBytes(StandardCharsets.UTF_8));
		assertThat(new String(issued.digest(), StandardCharsets.ISO_8859_1)).doesNotContain(body);
		// Tink output prefix (5 bytes) + 32-byte HMAC-SHA256 tag.
		assertThat(issued.digest()).hasSize(37);
		assertThat(issued.toString()).doesNotContain(body);
	}

	@Test
	void matchesWhenIssuedSecretPresentedThenTrue() {
		Issued issued = secrets.issue();

		assertThat(secrets.matches(issued.plaintext(), List.of(stored(issued, null)), NOW)).isTrue();
	}

	@Test
	void matchesWhenOtherOrMalformedSecretPresentedThenFalse() {
		Issued issued = secrets.issue();
		var stored = List.of(stored(issued, null));
		String body = issued.plaintext().substring("ghcs_".length());

		assertThat(secrets.matches(secrets.issue().plaintext(), stored, NOW)).isFalse();
		assertThat(secrets.matches(body, stored, NOW)).isFalse();
		assertThat(secrets.matches(issued.plaintext() + "x", stored, NOW)).isFalse();
		assertThat(secrets.matches(issued.plaintext().toUpperCase(), stored, NOW)).isFalse();
		assertThat(secrets.matches("", stored, NOW)).isFalse();
		assertThat(secrets.matches(null, stored, NOW)).isFalse();
		assertThat(secrets.matches("ghcs_" + "a".repeat(300), stored, NOW)).isFalse();
		assertThat(secrets.matches(issued.plaintext(), List.of(), NOW)).isFalse();
	}

	@Test
	void matchesWhenDigestMadeWithAnotherPepperThenFalse() {
		Issued elsewhere = new ClientSecrets(digester()).issue();

		assertThat(secrets.matches(elsewhere.plaintext(), List.of(stored(elsewhere, null)), NOW)).isFalse();
	}

	@Test
	void matchesWhenCheckingThenEveryActiveSecretGoesThroughTheConstantTimeMacAndExpiredOnesNot() {
		SecretDigester watched = spy(digester);
		var watchedSecrets = new ClientSecrets(watched);
		Issued newest = watchedSecrets.issue();
		Issued older = watchedSecrets.issue();
		Issued expired = watchedSecrets.issue();
		var stored = List.of(stored(newest, null), stored(older, NOW.plusSeconds(60)),
				stored(expired, NOW.minusSeconds(1)));

		assertThat(watchedSecrets.matches(newest.plaintext(), stored, NOW)).isTrue();

		// No early exit on the first match, and only Tink's verifyMac (via SecretDigester.matches) compares.
		verify(watched).matches(newest.plaintext(), newest.digest());
		verify(watched).matches(newest.plaintext(), older.digest());
		verify(watched, never()).matches(anyString(), eq(expired.digest()));
		verify(watched, times(2)).matches(anyString(), any());
	}

	@Test
	void matchesWhenExpiryReachedThenFalseAndJustBeforeThenTrue() {
		Issued issued = secrets.issue();
		var stored = List.of(stored(issued, NOW));

		assertThat(secrets.matches(issued.plaintext(), stored, NOW.minusMillis(1))).isTrue();
		assertThat(secrets.matches(issued.plaintext(), stored, NOW)).isFalse();
	}

	@Test
	void rotateWhenWithinOverlapThenOldAndNewBothMatchAndAfterItOnlyTheNew() {
		Issued old = secrets.issue();
		var table = new ArrayList<>(List.of(stored(old, null)));

		Rotation rotation = secrets.rotate(table, NOW, Duration.ofHours(24));
		apply(table, rotation, NOW);

		assertThat(rotation.expiryChanges()).containsExactly(new ExpiryChange(old.id(), NOW.plus(Duration.ofHours(24))));
		Instant during = NOW.plus(Duration.ofHours(23));
		assertThat(secrets.matches(old.plaintext(), table, during)).isTrue();
		assertThat(secrets.matches(rotation.issued().plaintext(), table, during)).isTrue();
		Instant after = NOW.plus(Duration.ofHours(24));
		assertThat(secrets.matches(old.plaintext(), table, after)).isFalse();
		assertThat(secrets.matches(rotation.issued().plaintext(), table, after)).isTrue();
		assertThat(secrets.matches(rotation.issued().plaintext(), table, after.plus(Duration.ofDays(400)))).isTrue();
	}

	@Test
	void rotateWhenNoOverlapGivenThenOldSecretsGet24Hours() {
		Issued old = secrets.issue();

		Rotation rotation = secrets.rotate(List.of(stored(old, null)), NOW);

		assertThat(rotation.expiryChanges()).containsExactly(new ExpiryChange(old.id(), NOW.plus(Duration.ofHours(24))));
	}

	@Test
	void rotateWhenAnOldSecretAlreadyExpiresSoonerThenItsExpiryIsNotExtended() {
		Issued soon = secrets.issue();
		Issued late = secrets.issue();
		Issued gone = secrets.issue();
		var current = List.of(stored(soon, NOW.plus(Duration.ofHours(2))), stored(late, NOW.plus(Duration.ofDays(90))),
				stored(gone, NOW.minus(Duration.ofDays(1))));

		Rotation rotation = secrets.rotate(current, NOW, Duration.ofDays(7));

		assertThat(rotation.expiryChanges()).containsExactly(new ExpiryChange(late.id(), NOW.plus(Duration.ofDays(7))));
	}

	@Test
	void rotateWhenRotatedAgainDuringOverlapThenTheFirstOverlapIsNotProlonged() {
		Issued first = secrets.issue();
		var table = new ArrayList<>(List.of(stored(first, null)));
		Rotation second = secrets.rotate(table, NOW, Duration.ofDays(1));
		apply(table, second, NOW);

		Instant later = NOW.plus(Duration.ofHours(12));
		Rotation third = secrets.rotate(table, later, Duration.ofDays(30));
		apply(table, third, later);

		assertThat(third.expiryChanges()).containsExactly(new ExpiryChange(second.issued().id(), later.plus(Duration.ofDays(30))));
		Instant dayLater = NOW.plus(Duration.ofDays(1));
		assertThat(secrets.matches(first.plaintext(), table, dayLater)).isFalse();
		assertThat(secrets.matches(second.issued().plaintext(), table, dayLater)).isTrue();
		assertThat(secrets.matches(third.issued().plaintext(), table, dayLater)).isTrue();
	}

	@Test
	void rotateWhenOverlapIsZeroThenTheOldSecretStopsAtOnce() {
		Issued leaked = secrets.issue();
		var table = new ArrayList<>(List.of(stored(leaked, null)));

		Rotation rotation = secrets.rotate(table, NOW, Duration.ZERO);
		apply(table, rotation, NOW);

		assertThat(secrets.matches(leaked.plaintext(), table, NOW)).isFalse();
		assertThat(secrets.matches(rotation.issued().plaintext(), table, NOW)).isTrue();
	}

	@Test
	void rotateWhenOverlapOutOfRangeThenRefused() {
		var current = List.of(stored(secrets.issue(), null));

		assertThatIllegalArgumentException().isThrownBy(() -> secrets.rotate(current, NOW, Duration.ofDays(30).plusSeconds(1)));
		assertThatIllegalArgumentException().isThrownBy(() -> secrets.rotate(current, NOW, Duration.ofSeconds(-1)));
		assertThatIllegalArgumentException().isThrownBy(() -> secrets.rotate(current, NOW, null));
		assertThat(secrets.rotate(current, NOW, Duration.ofDays(30)).expiryChanges()).hasSize(1);
	}

	static SecretDigester digester() {
		try {
			MacConfig.register();
			return SecretDigester.forKeyset(KeysetHandle.generateNew(PredefinedMacParameters.HMAC_SHA256_256BITTAG));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static StoredSecret stored(Issued issued, Instant expiresAt) {
		return new StoredSecret(issued.id(), issued.digest(), NOW.minus(Duration.ofDays(10)), expiresAt);
	}

	/** What the caller does with a rotation: insert the new row, then shorten the old rows. */
	private static void apply(List<StoredSecret> table, Rotation rotation, Instant now) {
		table.replaceAll(row -> rotation.expiryChanges()
			.stream()
			.filter(change -> change.secretId().equals(row.id()))
			.findFirst()
			.map(change -> new StoredSecret(row.id(), row.digest(), row.createdAt(), change.expiresAt()))
			.orElse(row));
		table.add(new StoredSecret(rotation.issued().id(), rotation.issued().digest(), now, null));
	}

}
