package dev.gatehouse.identity.web;

import dev.gatehouse.identity.internal.login.GatehousePrincipal;
import dev.gatehouse.shared.security.Authorities;

import java.util.stream.Collectors;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts the viewer into every page model; {@code null} until the login is complete. */
@ControllerAdvice(annotations = Controller.class)
class CurrentUserAdvice {

	@ModelAttribute("currentUser")
	CurrentUser currentUser(Authentication authentication) {
		if (authentication == null || !(authentication.getPrincipal() instanceof GatehousePrincipal principal)) {
			return null;
		}
		var authorities = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.collect(Collectors.toUnmodifiableSet());
		if (!authorities.contains(Authorities.LOGIN_COMPLETE)) {
			return null;
		}
		return new CurrentUser(principal.email(), principal.displayName(), authorities);
	}

}
