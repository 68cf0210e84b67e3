package dev.gatehouse.identity.internal.login;

import jakarta.servlet.http.HttpServletRequest;

import java.io.Serializable;

/** The client facts recorded with every login event. */
record LoginDetails(String ip, String userAgent) implements Serializable {

	static LoginDetails of(HttpServletRequest request) {
		return new LoginDetails(request.getRemoteAddr(), request.getHeader("User-Agent"));
	}

}
