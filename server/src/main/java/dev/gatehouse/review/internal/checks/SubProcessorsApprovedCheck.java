package dev.gatehouse.review.internal.checks;

import dev.gatehouse.apps.SubProcessor;
import dev.gatehouse.apps.SubProcessorStatus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/** {@code check.subprocessors-approved}: every sub-processor in the app's register is approved. */
@Component
class SubProcessorsApprovedCheck implements Check {

	@Override
	public String id() {
		return "check.subprocessors-approved";
	}

	@Override
	public Verdict evaluate(CheckInput input, Map<String, Object> params) {
		List<SubProcessor> register = input.subProcessors().stream().filter(s -> s.status() != SubProcessorStatus.REMOVED).toList();
		if (register.isEmpty()) {
			return Verdict.notApplicable("The app declares no sub-processor.");
		}
		Map<String, String> notApproved = new LinkedHashMap<>();
		register.stream()
			.filter(s -> s.status() != SubProcessorStatus.APPROVED)
			.forEach(s -> notApproved.put(s.name(), s.status().name().toLowerCase()));
		Map<String, Object> evidence = new LinkedHashMap<>();
		evidence.put("register", register.stream().map(s -> s.name() + " (" + s.status().name().toLowerCase() + ")").toList());
		evidence.put("notApproved", notApproved);
		return notApproved.isEmpty() ? Verdict.pass("All " + register.size() + " sub-processor(s) are approved.", evidence)
				: Verdict.fail("Sub-processor(s) not approved: " + String.join(", ", notApproved.keySet().stream()
						.map(n -> n + " (" + notApproved.get(n) + ")").toList()) + ".", evidence);
	}

}
