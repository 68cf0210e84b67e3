package dev.gatehouse.shared.db;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaQualifiedJdbcOperationsTests {

	@Test
	void qualifyWhenTablesAppearThenOnlyTheyAreQualifiedOnce() {
		String sql = "SELECT * FROM oauth2_authorization a JOIN oauth2_authorization_consent c ON x "
				+ "WHERE id IN (SELECT id FROM authserver.oauth2_authorization) AND my_oauth2_authorization = 1";

		String qualified = SchemaQualifiedJdbcOperations.qualify(sql, "authserver", "oauth2_authorization",
				"oauth2_authorization_consent");

		assertThat(qualified).isEqualTo("SELECT * FROM authserver.oauth2_authorization a JOIN "
				+ "authserver.oauth2_authorization_consent c ON x WHERE id IN (SELECT id FROM authserver.oauth2_authorization) "
				+ "AND my_oauth2_authorization = 1");
	}

}
