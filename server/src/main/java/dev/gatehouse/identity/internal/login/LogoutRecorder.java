package dev.gatehouse.identity.internal.login;

import dev.gatehouse.identity.LoginEventType;
import dev.gatehouse.identity.internal.LoginEventLog;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.LogoutHandler;

final class LogoutRecorder implements LogoutHandler {

	private final LoginEventLog loginEvents;

	LogoutRecorder(LoginEventLog loginEvents) {
		this.loginEvents = loginEvents;
	}

	@Override
	public void logout(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
		if (authentication != null && authentication.getPrincipal() instanceof GatehousePrincipal principal) {
			var details = LoginDetails.of(request);
			loginEvents.record(principal.userId(), principal.email(), LoginEventType.LOGGED_OUT, null, details.ip(),
					details.userAgent());
		}
	}

}
