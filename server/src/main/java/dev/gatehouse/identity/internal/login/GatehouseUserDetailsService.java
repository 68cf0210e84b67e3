package dev.gatehouse.identity.internal.login;

import dev.gatehouse.identity.internal.UserRepository;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

@Component
class GatehouseUserDetailsService implements UserDetailsService {

	private final UserRepository users;

	GatehouseUserDetailsService(UserRepository users) {
		this.users = users;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		return users.findByEmail(username == null ? "" : username.trim())
			.map(GatehousePrincipal::new)
			.orElseThrow(() -> new UsernameNotFoundException("no such user"));
	}

	GatehousePrincipal reload(GatehousePrincipal principal) {
		return users.findById(principal.userId())
			.map(GatehousePrincipal::new)
			.orElseThrow(() -> new UsernameNotFoundException("user vanished"));
	}

}
