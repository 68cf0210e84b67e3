package dev.gatehouse.identity.internal.login;

import java.io.Serial;
import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A login whose password was right but which has steps left. Its only authority opens the page of
 * the current step; nothing else in Gatehouse accepts it.
 */
public final class PendingLogin extends AbstractAuthenticationToken {

	@Serial
	private static final long serialVersionUID = 1L;

	private final GatehousePrincipal principal;

	private final LoginStage stage;

	private final boolean secondFactorVerified;

	/** Began with a passkey rather than a password. */
	private final boolean passkey;

	PendingLogin(GatehousePrincipal principal, LoginStage stage, boolean secondFactorVerified, boolean passkey) {
		super(List.of(new SimpleGrantedAuthority(stage.authority())));
		this.principal = principal;
		this.stage = stage;
		this.secondFactorVerified = secondFactorVerified;
		this.passkey = passkey;
		setAuthenticated(true);
	}

	public LoginStage stage() {
		return stage;
	}

	public boolean secondFactorVerified() {
		return secondFactorVerified;
	}

	public boolean passkey() {
		return passkey;
	}

	@Override
	public GatehousePrincipal getPrincipal() {
		return principal;
	}

	@Override
	public Object getCredentials() {
		return null;
	}

}
