package dev.gatehouse.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;

import org.junit.jupiter.api.Test;

class MailTemplatesTests {

	private final MailTemplates templates = new MailTemplates();

	@Test
	void renderWhenTemplateHasSubjectLineThenSubjectAndBodyAreSplit() {
		RenderedMail mail = templates.render("tests/greeting", Map.of("name", "<Ada & Co>", "code", "123456"));

		assertThat(mail.subject()).isEqualTo("Your code for <Ada & Co>");
		assertThat(mail.text()).as("plain text: nothing is HTML-escaped")
			.isEqualTo("Hello <Ada & Co>,\nyour code is 123456.\n");
	}

	@Test
	void messageWhenRenderedThenPlainTextEmailInThatCategory() {
		EmailMessage message = templates.message("ada@example.test", "tests.greeting", "tests/greeting",
				Map.of("name", "Ada", "code", "1"));

		assertThat(message.to()).isEqualTo("ada@example.test");
		assertThat(message.category()).isEqualTo("tests.greeting");
		assertThat(message.subject()).isEqualTo("Your code for Ada");
		assertThat(message.htmlBody()).isNull();
	}

	@Test
	void renderWhenNameCouldLeaveTheMailFolderThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> templates.render("../layout", Map.of()));
		assertThatIllegalArgumentException().isThrownBy(() -> templates.render("/etc/passwd", Map.of()));
	}

	@Test
	void renderWhenTemplateLacksSubjectLineThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> templates.render("tests/no-subject", Map.of()))
			.withMessageContaining("Subject:");
	}

}
