package dev.gatehouse.identity.internal;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/** Ends every session of a user on every node: sessions live in PostgreSQL, indexed by principal. */
@Component
public class SessionTerminator {

	private final FindByIndexNameSessionRepository<? extends Session> sessions;

	SessionTerminator(FindByIndexNameSessionRepository<? extends Session> sessions) {
		this.sessions = sessions;
	}

	public int endAll(String principalName) {
		var found = sessions.findByPrincipalName(principalName);
		found.keySet().forEach(sessions::deleteById);
		return found.size();
	}

}
