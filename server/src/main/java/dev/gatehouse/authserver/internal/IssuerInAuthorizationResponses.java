package dev.gatehouse.authserver.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The authorization endpoint's redirects with the {@code iss} parameter of RFC 9207, so a client
 * talking to several servers can tell which one answered (mix-up attacks). Spring Security 7.1
 * writes code, state and errors but not {@code iss}; otherwise these do what its defaults do:
 * errors go back to the client only when the redirect URI was verified, else a plain 400.
 */
final class IssuerInAuthorizationResponses implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

	static final String ISS = "iss";

	private final RedirectStrategy redirects = new DefaultRedirectStrategy();

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException {
		var result = (OAuth2AuthorizationCodeRequestAuthenticationToken) authentication;
		var uri = UriComponentsBuilder.fromUriString(result.getRedirectUri())
			.queryParam(OAuth2ParameterNames.CODE, result.getAuthorizationCode().getTokenValue());
		withStateAndIssuer(uri, result.getState());
		redirects.sendRedirect(request, response, uri.build(true).toUriString());
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		if (exception instanceof ConsentRetryException retry) {
			redirects.sendRedirect(request, response, retry.consentPage());
			return;
		}
		if (!(exception instanceof OAuth2AuthorizationCodeRequestAuthenticationException failure)
				|| failure.getAuthorizationCodeRequestAuthentication() == null
				|| !StringUtils.hasText(failure.getAuthorizationCodeRequestAuthentication().getRedirectUri())) {
			OAuth2Error error = exception instanceof org.springframework.security.oauth2.core.OAuth2AuthenticationException oauth
					? oauth.getError() : new OAuth2Error("invalid_request");
			response.sendError(HttpStatus.BAD_REQUEST.value(), error.toString());
			return;
		}
		OAuth2Error error = failure.getError();
		var requested = failure.getAuthorizationCodeRequestAuthentication();
		var uri = UriComponentsBuilder.fromUriString(requested.getRedirectUri())
			.queryParam(OAuth2ParameterNames.ERROR, error.getErrorCode());
		if (StringUtils.hasText(error.getDescription())) {
			uri.queryParam(OAuth2ParameterNames.ERROR_DESCRIPTION, encode(error.getDescription()));
		}
		if (StringUtils.hasText(error.getUri())) {
			uri.queryParam(OAuth2ParameterNames.ERROR_URI, encode(error.getUri()));
		}
		withStateAndIssuer(uri, requested.getState());
		redirects.sendRedirect(request, response, uri.build(true).toUriString());
	}

	private static void withStateAndIssuer(UriComponentsBuilder uri, String state) {
		if (StringUtils.hasText(state)) {
			uri.queryParam(OAuth2ParameterNames.STATE, encode(state));
		}
		uri.queryParam(ISS, encode(AuthorizationServerContextHolder.getContext().getIssuer()));
	}

	private static String encode(String value) {
		return UriUtils.encode(value, StandardCharsets.UTF_8);
	}

}
