package dev.gatehouse.identity.internal.login;

import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.UserId;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.identity.internal.UserRow;
import dev.gatehouse.shared.security.Authorities;
import dev.gatehouse.shared.security.UserPrincipal;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The logged-in user as kept in the session. Its authorities are empty until every login step is
 * done: a half-finished login must not pass any role check.
 */
public final class GatehousePrincipal implements UserDetails, CredentialsContainer, Serializable, UserPrincipal {

	@Serial
	private static final long serialVersionUID = 1L;

	private final UserId userId;

	private final String email;

	private final String displayName;

	private final UserKind kind;

	private final Set<Role> roles;

	private final boolean enabled;

	private final boolean mustChangePassword;

	private final boolean secondFactorEnrolled;

	private String passwordHash;

	GatehousePrincipal(UserRow row) {
		this.userId = row.id();
		this.email = row.email();
		this.displayName = row.displayName();
		this.kind = row.kind();
		this.roles = Set.copyOf(row.roles());
		this.enabled = row.enabled();
		this.mustChangePassword = row.mustChangePassword();
		this.secondFactorEnrolled = row.secondFactorEnrolled();
		this.passwordHash = row.passwordHash();
	}

	public UserId userId() {
		return userId;
	}

	@Override
	public UUID userUuid() {
		return userId.value();
	}

	@Override
	public String email() {
		return email;
	}

	public String displayName() {
		return displayName;
	}

	public UserKind kind() {
		return kind;
	}

	public Set<Role> roles() {
		return roles;
	}

	public boolean mustChangePassword() {
		return mustChangePassword;
	}

	public boolean secondFactorEnrolled() {
		return secondFactorEnrolled;
	}

	/** What a complete login grants: the roles, the kind, and the completion mark. */
	public List<GrantedAuthority> fullAuthorities() {
		List<GrantedAuthority> authorities = new ArrayList<>();
		roles.forEach(role -> authorities.add(new SimpleGrantedAuthority(role.authority())));
		authorities.add(new SimpleGrantedAuthority("KIND_" + kind.name()));
		authorities.add(new SimpleGrantedAuthority(Authorities.LOGIN_COMPLETE));
		return authorities;
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return List.of();
	}

	@Override
	public String getPassword() {
		return passwordHash;
	}

	@Override
	public String getUsername() {
		return email;
	}

	@Override
	public boolean isEnabled() {
		return enabled;
	}

	@Override
	public void eraseCredentials() {
		this.passwordHash = null;
	}

}
