package dev.gatehouse.identity.internal.login;

import dev.gatehouse.identity.LoginEventType;
import dev.gatehouse.identity.UserId;
import dev.gatehouse.identity.internal.LoginEventLog;
import dev.gatehouse.identity.internal.LoginThrottle;
import dev.gatehouse.identity.internal.UserRepository;
import dev.gatehouse.identity.internal.UserRow;

import java.time.Instant;

import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * The password step: refuses throttled attempts before looking at the password, records every
 * outcome, and answers unknown accounts, wrong passwords and disabled accounts alike.
 */
final class ThrottledPasswordAuthenticationProvider implements AuthenticationProvider {

	private final DaoAuthenticationProvider passwords;

	private final LoginThrottle throttle;

	private final LoginEventLog loginEvents;

	private final UserRepository users;

	ThrottledPasswordAuthenticationProvider(DaoAuthenticationProvider passwords, LoginThrottle throttle,
			LoginEventLog loginEvents, UserRepository users) {
		this.passwords = passwords;
		this.throttle = throttle;
		this.loginEvents = loginEvents;
		this.users = users;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String username = authentication.getName() == null ? "" : authentication.getName().trim();
		LoginDetails details = authentication.getDetails() instanceof LoginDetails d ? d : new LoginDetails(null, null);
		UserId userId = users.findByEmail(username).map(UserRow::id).orElse(null);
		Instant blockedUntil = throttle.blockedUntil(username, details.ip());
		if (blockedUntil != null) {
			loginEvents.record(userId, username, LoginEventType.LOGIN_THROTTLED, "retry after " + blockedUntil,
					details.ip(), details.userAgent());
			throw new LoginThrottledException(blockedUntil);
		}
		try {
			return passwords.authenticate(authentication);
		}
		catch (BadCredentialsException | AccountStatusException ex) {
			String reason = userId == null ? "unknown account"
					: ex instanceof AccountStatusException ? "account disabled" : "wrong password";
			loginEvents.record(userId, username, LoginEventType.LOGIN_FAILED, reason, details.ip(), details.userAgent());
			if (throttle.recordFailure(username, details.ip())) {
				loginEvents.record(userId, username, LoginEventType.LOCKED_OUT, "too many failures", details.ip(),
						details.userAgent());
			}
			throw new BadCredentialsException("bad credentials");
		}
		catch (AuthenticationException ex) {
			throw ex;
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
