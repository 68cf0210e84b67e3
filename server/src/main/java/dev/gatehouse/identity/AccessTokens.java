package dev.gatehouse.identity;

import dev.gatehouse.identity.IdentityEvents.AccessTokenCreated;
import dev.gatehouse.identity.IdentityEvents.AccessTokenRevoked;
import dev.gatehouse.identity.internal.AccessTokenRepository;
import dev.gatehouse.identity.internal.AccessTokenRepository.StoredToken;
import dev.gatehouse.identity.internal.UserRepository;
import dev.gatehouse.shared.crypto.RandomTokens;
import dev.gatehouse.shared.crypto.SecretDigester;
import dev.gatehouse.shared.web.NotFoundException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal access tokens for the JSON API: {@code gh_pat_<public id>_<secret>}. The public id finds
 * the row; the 256-bit secret is kept only as a peppered digest.
 */
@Service
public class AccessTokens {

	public static final String PREFIX = "gh_pat_";

	static final int PUBLIC_ID_LENGTH = 12;

	static final int MAX_DAYS = 366;

	private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

	private final AccessTokenRepository tokens;

	private final UserRepository users;

	private final SecretDigester digester;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	AccessTokens(AccessTokenRepository tokens, UserRepository users, SecretDigester digester,
			ApplicationEventPublisher events, Clock clock) {
		this.tokens = tokens;
		this.users = users;
		this.digester = digester;
		this.events = events;
		this.clock = clock;
	}

	@Transactional
	public NewAccessToken create(UserId owner, String name, Set<ApiScope> scopes, int days) {
		var user = users.findById(owner).orElseThrow(() -> new IdentityException(null, "No such user."));
		if (name == null || name.isBlank() || name.length() > 100) {
			throw new IdentityException("name", "Give the token a name of at most 100 characters.");
		}
		if (scopes == null || scopes.isEmpty()) {
			throw new IdentityException("scopes", "Choose at least one scope.");
		}
		var refused = scopes.stream().filter(scope -> !scope.availableTo(user.kind())).toList();
		if (!refused.isEmpty()) {
			throw new IdentityException("scopes", "Not available to your account: " + refused.getFirst().value());
		}
		if (days < 1 || days > MAX_DAYS) {
			throw new IdentityException("expiresInDays", "Choose between 1 and " + MAX_DAYS + " days.");
		}
		String publicId = RandomTokens.readable(PUBLIC_ID_LENGTH);
		String secret = RandomTokens.urlSafe(32);
		Instant now = clock.instant();
		var stored = new StoredToken(UUID.randomUUID(), publicId, owner, name.trim(), digester.digest(secret), scopes,
				now, now.plus(Duration.ofDays(days)), null, null);
		tokens.insert(stored);
		events.publishEvent(new AccessTokenCreated(owner, stored.id().toString(), stored.name(), scopeList(scopes),
				stored.expiresAt().toString()));
		return new NewAccessToken(stored.info(), PREFIX + publicId + "_" + secret);
	}

	public List<AccessTokenInfo> list(UserId owner) {
		return tokens.findByUser(owner).stream().map(StoredToken::info).toList();
	}

	@Transactional
	public void revoke(UserId owner, String tokenId) {
		UUID id;
		try {
			id = UUID.fromString(tokenId);
		}
		catch (IllegalArgumentException ex) {
			throw new NotFoundException("No such token.");
		}
		if (!tokens.revoke(id, owner, clock.instant())) {
			throw new NotFoundException("No such token.");
		}
		events.publishEvent(new AccessTokenRevoked(owner, tokenId));
	}

	/** The owner and scopes of a presented token, if it is genuine, unexpired and unrevoked. */
	@Transactional
	public Optional<AuthenticatedToken> authenticate(String presented) {
		if (presented == null || !presented.startsWith(PREFIX)
				|| presented.length() < PREFIX.length() + PUBLIC_ID_LENGTH + 2) {
			return Optional.empty();
		}
		String publicId = presented.substring(PREFIX.length(), PREFIX.length() + PUBLIC_ID_LENGTH);
		String secret = presented.substring(PREFIX.length() + PUBLIC_ID_LENGTH + 1);
		Instant now = clock.instant();
		return tokens.findByPublicId(publicId)
			.filter(token -> digester.matches(secret, token.secretHash()))
			.filter(token -> token.info().active(now))
			.flatMap(token -> users.findById(token.userId())
				.filter(user -> user.enabled())
				.map(user -> {
					if (token.lastUsedAt() == null || token.lastUsedAt().plus(LAST_USED_RESOLUTION).isBefore(now)) {
						tokens.touch(token.id(), now);
					}
					return new AuthenticatedToken(token.id().toString(), user.toAccount(), token.scopes());
				}));
	}

	static String scopeList(Set<ApiScope> scopes) {
		return scopes.stream().map(ApiScope::value).sorted().collect(Collectors.joining(" "));
	}

	/** A token that passed every check, with its owner as of now. */
	public record AuthenticatedToken(String tokenId, UserAccount owner, Set<ApiScope> scopes) {
	}

}
