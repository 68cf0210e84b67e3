package dev.gatehouse.identity.internal.login;

/** The steps of a login after the password, in order, each with its page. */
public enum LoginStage {

	VERIFY_SECOND_FACTOR("/login/second-factor"), CHANGE_PASSWORD("/login/password"),
	ENROLL_SECOND_FACTOR("/login/enroll"), COMPLETE("/");

	private final String path;

	LoginStage(String path) {
		this.path = path;
	}

	public String path() {
		return path;
	}

	public String authority() {
		return "LOGIN_STAGE_" + name();
	}

}
