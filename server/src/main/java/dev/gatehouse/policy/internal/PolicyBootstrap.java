package dev.gatehouse.policy.internal;

import dev.gatehouse.policy.DocumentKind;
import dev.gatehouse.policy.LegalDocuments;
import dev.gatehouse.policy.PublishCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * First start: publish Gatehouse's reference policy pack and the template legal documents, so the
 * flows work from the first minute. Operators replace them with their own versions.
 */
@Component
@Order(-10)
class PolicyBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(PolicyBootstrap.class);

	static final String REFERENCE_PACK = "policy-packs/reference.yaml";

	private final LegalDocuments documents;

	PolicyBootstrap(LegalDocuments documents) {
		this.documents = documents;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		if (documents.anyPublished()) {
			return;
		}
		publish(DocumentKind.DEVELOPER_TERMS, "legal-templates/developer-terms.md");
		publish(DocumentKind.DEVELOPER_POLICY, REFERENCE_PACK);
		publish(DocumentKind.ACCEPTABLE_USE, "legal-templates/acceptable-use.md");
		publish(DocumentKind.DATA_PROCESSING, "legal-templates/data-processing.md");
		log.info("Published the reference policy pack and template legal documents (replace them in Legal documents)");
	}

	private void publish(DocumentKind kind, String resource) {
		var draft = documents.draft(kind, read(resource), "Initial version shipped with Gatehouse", "system");
		documents.publish(draft.id(), new PublishCommand(false, null, null), "system");
	}

	static String read(String resource) {
		try (var in = new ClassPathResource(resource).getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Missing bundled resource " + resource, ex);
		}
	}

}
