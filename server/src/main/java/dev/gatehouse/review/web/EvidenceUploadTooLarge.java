package dev.gatehouse.review.web;

import jakarta.servlet.http.HttpServletRequest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * Evidence files over the multipart limits are refused by the container while it reads the
 * request's parameters, before Spring MVC and any controller: the error page then says what the
 * limits are and links back to the evidence form (nothing was stored).
 */
@Component
class EvidenceUploadTooLarge implements ErrorViewResolver, Ordered {

	private static final Pattern EVIDENCE = Pattern
		.compile("/developer/apps/([0-9a-fA-F-]{36})/review/evidence/[0-9a-fA-F-]{36}");

	private final MultipartProperties limits;

	EvidenceUploadTooLarge(MultipartProperties limits) {
		this.limits = limits;
	}

	@Override
	public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
		if (status != HttpStatus.CONTENT_TOO_LARGE || !(model.get("path") instanceof String path)) {
			return null;
		}
		Matcher evidence = EVIDENCE.matcher(path);
		if (!evidence.matches()) {
			return null;
		}
		Map<String, Object> page = new LinkedHashMap<>(model);
		page.put("status", status.value());
		page.put("message", "Nothing was sent: each file may be at most " + limits.getMaxFileSize().toMegabytes()
				+ " MB, and all files of one answer together at most " + limits.getMaxRequestSize().toMegabytes()
				+ " MB. Send smaller files, or fewer at a time.");
		page.put("back", "/developer/apps/" + evidence.group(1) + "/review#evidence");
		page.put("backLabel", "Back to the evidence request");
		return new ModelAndView("error", page, status);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
