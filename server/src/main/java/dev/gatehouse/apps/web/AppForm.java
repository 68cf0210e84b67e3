package dev.gatehouse.apps.web;

import dev.gatehouse.apps.AppDraft;
import dev.gatehouse.apps.DataUse;
import dev.gatehouse.apps.FieldProblem;
import dev.gatehouse.apps.LawfulBasis;
import dev.gatehouse.apps.Listing;
import dev.gatehouse.apps.RequestedScope;
import dev.gatehouse.apps.Scope;
import dev.gatehouse.apps.SecurityQuestionnaire;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The whole draft as one form. Every field keeps the text the developer typed, so a rejected save
 * re-renders exactly what was sent: lists are textareas (one item a line) and rows, and converting
 * to an {@link AppDraft} happens only when saving.
 */
public class AppForm {

	private String appType = "";

	private ListingForm listing = new ListingForm();

	private String redirectUris = "";

	private String webhookUrl = "";

	private List<ScopeRow> scopes = new ArrayList<>();

	private DataUseForm dataUse = new DataUseForm();

	private SecurityForm security = new SecurityForm();

	/** The form for a saved draft: one row per catalogue scope and per data category they reach. */
	static AppForm of(AppDraft draft, List<Scope> catalogue) {
		var form = new AppForm();
		form.appType = nz(draft.appType());
		form.listing = ListingForm.of(draft.listing());
		form.redirectUris = String.join("\n", draft.redirectUris());
		form.webhookUrl = nz(draft.webhookUrl());
		Set<String> names = new LinkedHashSet<>();
		catalogue.forEach(s -> names.add(s.name()));
		draft.scopes().forEach(s -> names.add(s.scope()));
		for (String name : names) {
			var row = new ScopeRow();
			row.name = name;
			draft.scopes().stream().filter(s -> s.scope().equals(name)).findFirst().ifPresent(requested -> {
				row.selected = true;
				row.justification = nz(requested.justification());
				row.evidence = nz(requested.evidence());
			});
			form.scopes.add(row);
		}
		form.dataUse = DataUseForm.of(draft.dataUse(), reachedCategories(catalogue));
		form.security = SecurityForm.of(draft.security());
		return form;
	}

	/** Every data category that some catalogue scope reaches: the rows of the data-use table. */
	static Set<String> reachedCategories(List<Scope> catalogue) {
		Set<String> categories = new TreeSet<>();
		catalogue.forEach(s -> categories.addAll(s.dataCategories()));
		return categories;
	}

	/** The form's own rules, checked before anything is saved; field names are this form's paths. */
	List<FieldProblem> problems() {
		List<FieldProblem> problems = new ArrayList<>();
		for (int i = 0; i < scopes.size(); i++) {
			ScopeRow row = scopes.get(i);
			if (row.selected && row.justification.isBlank()) {
				problems.add(new FieldProblem("scopes[" + i + "].justification",
						"Say why the app needs " + row.name + "."));
			}
		}
		if (!security.lastPenetrationTest.isBlank()) {
			try {
				LocalDate.parse(security.lastPenetrationTest.strip());
			}
			catch (DateTimeParseException ex) {
				problems.add(new FieldProblem("security.lastPenetrationTest", "Use a date such as 2025-03-31."));
			}
		}
		return problems;
	}

	AppDraft toDraft() {
		return new AppDraft(appType.strip(), listing.toListing(), lines(redirectUris), blankToNull(webhookUrl),
				scopes.stream()
					.filter(ScopeRow::isSelected)
					.map(r -> new RequestedScope(r.name, r.justification.strip(), blankToNull(r.evidence)))
					.toList(),
				dataUse.toDataUse(), security.toQuestionnaire());
	}

	/** The row of the data category the draft declares at {@code index} (empty rows are left out). */
	int dataUseRow(int index) {
		int seen = -1;
		for (int i = 0; i < dataUse.categories.size(); i++) {
			if (!dataUse.categories.get(i).isEmpty() && ++seen == index) {
				return i;
			}
		}
		return -1;
	}

	/** The row of the scope the draft requests at {@code index} (unticked rows are left out). */
	int scopeRow(int index) {
		int seen = -1;
		for (int i = 0; i < scopes.size(); i++) {
			if (scopes.get(i).selected && ++seen == index) {
				return i;
			}
		}
		return -1;
	}

	static List<String> lines(String text) {
		return text == null ? List.of()
				: Arrays.stream(text.split("\\R")).map(String::strip).filter(l -> !l.isEmpty()).toList();
	}

	static List<String> commaSeparated(String text) {
		return text == null ? List.of()
				: Arrays.stream(text.split(",")).map(String::strip).filter(l -> !l.isEmpty()).toList();
	}

	static String nz(String text) {
		return text == null ? "" : text;
	}

	static String blankToNull(String text) {
		return text == null || text.isBlank() ? null : text.strip();
	}

	public String getAppType() { return appType; }
	public void setAppType(String v) { this.appType = nz(v); }
	public ListingForm getListing() { return listing; }
	public void setListing(ListingForm v) { this.listing = v; }
	public String getRedirectUris() { return redirectUris; }
	public void setRedirectUris(String v) { this.redirectUris = nz(v); }
	public String getWebhookUrl() { return webhookUrl; }
	public void setWebhookUrl(String v) { this.webhookUrl = nz(v); }
	public List<ScopeRow> getScopes() { return scopes; }
	public void setScopes(List<ScopeRow> v) { this.scopes = v; }
	public DataUseForm getDataUse() { return dataUse; }
	public void setDataUse(DataUseForm v) { this.dataUse = v; }
	public SecurityForm getSecurity() { return security; }
	public void setSecurity(SecurityForm v) { this.security = v; }

	public static class ListingForm {

		private String name = "";
		private String tagline = "";
		private String description = "";
		private String category = "";
		private String website = "";
		private String privacyPolicyUrl = "";
		private String termsUrl = "";
		private String supportEmail = "";
		private String supportUrl = "";
		private String setupUrl = "";

		static ListingForm of(Listing l) {
			var form = new ListingForm();
			form.name = nz(l.name());
			form.tagline = nz(l.tagline());
			form.description = nz(l.description());
			form.category = nz(l.category());
			form.website = nz(l.website());
			form.privacyPolicyUrl = nz(l.privacyPolicyUrl());
			form.termsUrl = nz(l.termsUrl());
			form.supportEmail = nz(l.supportEmail());
			form.supportUrl = nz(l.supportUrl());
			form.setupUrl = nz(l.setupUrl());
			return form;
		}

		Listing toListing() {
			return new Listing(name.strip(), tagline.strip(), description.strip(), category.strip(), website.strip(),
					privacyPolicyUrl.strip(), termsUrl.strip(), supportEmail.strip(), supportUrl.strip(), setupUrl.strip());
		}

		public String getName() { return name; }
		public void setName(String v) { this.name = nz(v); }
		public String getTagline() { return tagline; }
		public void setTagline(String v) { this.tagline = nz(v); }
		public String getDescription() { return description; }
		public void setDescription(String v) { this.description = nz(v); }
		public String getCategory() { return category; }
		public void setCategory(String v) { this.category = nz(v); }
		public String getWebsite() { return website; }
		public void setWebsite(String v) { this.website = nz(v); }
		public String getPrivacyPolicyUrl() { return privacyPolicyUrl; }
		public void setPrivacyPolicyUrl(String v) { this.privacyPolicyUrl = nz(v); }
		public String getTermsUrl() { return termsUrl; }
		public void setTermsUrl(String v) { this.termsUrl = nz(v); }
		public String getSupportEmail() { return supportEmail; }
		public void setSupportEmail(String v) { this.supportEmail = nz(v); }
		public String getSupportUrl() { return supportUrl; }
		public void setSupportUrl(String v) { this.supportUrl = nz(v); }
		public String getSetupUrl() { return setupUrl; }
		public void setSetupUrl(String v) { this.setupUrl = nz(v); }

	}

	/** One catalogue scope: ticked or not, and why. */
	public static class ScopeRow {

		private String name = "";
		private boolean selected;
		private String justification = "";
		private String evidence = "";

		public String getName() { return name; }
		public void setName(String v) { this.name = nz(v); }
		public boolean isSelected() { return selected; }
		public void setSelected(boolean v) { this.selected = v; }
		public String getJustification() { return justification; }
		public void setJustification(String v) { this.justification = nz(v); }
		public String getEvidence() { return evidence; }
		public void setEvidence(String v) { this.evidence = nz(v); }

	}

	/** How one data category is used; a row left empty is not declared. */
	public static class CategoryRow {

		private String category = "";
		private String purposes = "";
		private LawfulBasis lawfulBasis;
		private String retention = "";
		private String storageRegion = "";

		boolean isEmpty() {
			return purposes.isBlank() && lawfulBasis == null && retention.isBlank() && storageRegion.isBlank();
		}

		public String getCategory() { return category; }
		public void setCategory(String v) { this.category = nz(v); }
		public String getPurposes() { return purposes; }
		public void setPurposes(String v) { this.purposes = nz(v); }
		public LawfulBasis getLawfulBasis() { return lawfulBasis; }
		public void setLawfulBasis(LawfulBasis v) { this.lawfulBasis = v; }
		public String getRetention() { return retention; }
		public void setRetention(String v) { this.retention = nz(v); }
		public String getStorageRegion() { return storageRegion; }
		public void setStorageRegion(String v) { this.storageRegion = nz(v); }

	}

	public static class DataUseForm {

		private List<CategoryRow> categories = new ArrayList<>();
		private boolean sharesWithThirdParties;
		private String sharingDescription = "";
		private boolean sellsData;
		/** One {@code category: justification} a line. */
		private String sensitiveCategories = "";
		/** One source a line. */
		private String thirdPartySources = "";
		private boolean handlesPayments;
		private String paymentDescription = "";

		static DataUseForm of(DataUse use, Set<String> reached) {
			var form = new DataUseForm();
			Set<String> rows = new LinkedHashSet<>(reached);
			use.categories().forEach(c -> rows.add(c.category()));
			for (String category : rows) {
				var row = new CategoryRow();
				row.category = category;
				use.categories().stream().filter(c -> c.category().equals(category)).findFirst().ifPresent(c -> {
					row.purposes = String.join(", ", c.purposes() == null ? List.of() : c.purposes());
					row.lawfulBasis = c.lawfulBasis();
					row.retention = nz(c.retention());
					row.storageRegion = nz(c.storageRegion());
				});
				form.categories.add(row);
			}
			form.sharesWithThirdParties = use.sharesWithThirdParties();
			form.sharingDescription = nz(use.sharingDescription());
			form.sellsData = use.sellsData();
			form.sensitiveCategories = String.join("\n", use.sensitiveCategories()
				.stream()
				.map(s -> s.category() + ": " + nz(s.justification()))
				.toList());
			form.thirdPartySources = String.join("\n", use.thirdPartySources());
			form.handlesPayments = use.handlesPayments();
			form.paymentDescription = nz(use.paymentDescription());
			return form;
		}

		DataUse toDataUse() {
			return new DataUse(categories.stream()
				.filter(r -> !r.isEmpty())
				.map(r -> new DataUse.CategoryUse(r.category, commaSeparated(r.purposes), r.lawfulBasis, r.retention.strip(),
						r.storageRegion.strip()))
				.toList(), sharesWithThirdParties, blankToNull(sharingDescription), sellsData,
					lines(sensitiveCategories).stream().map(DataUseForm::sensitive).toList(), lines(thirdPartySources),
					handlesPayments, blankToNull(paymentDescription));
		}

		private static DataUse.SensitiveCategory sensitive(String line) {
			int colon = line.indexOf(':');
			return colon < 0 ? new DataUse.SensitiveCategory(line, "")
					: new DataUse.SensitiveCategory(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
		}

		public List<CategoryRow> getCategories() { return categories; }
		public void setCategories(List<CategoryRow> v) { this.categories = v; }
		public boolean isSharesWithThirdParties() { return sharesWithThirdParties; }
		public void setSharesWithThirdParties(boolean v) { this.sharesWithThirdParties = v; }
		public String getSharingDescription() { return sharingDescription; }
		public void setSharingDescription(String v) { this.sharingDescription = nz(v); }
		public boolean isSellsData() { return sellsData; }
		public void setSellsData(boolean v) { this.sellsData = v; }
		public String getSensitiveCategories() { return sensitiveCategories; }
		public void setSensitiveCategories(String v) { this.sensitiveCategories = nz(v); }
		public String getThirdPartySources() { return thirdPartySources; }
		public void setThirdPartySources(String v) { this.thirdPartySources = nz(v); }
		public boolean isHandlesPayments() { return handlesPayments; }
		public void setHandlesPayments(boolean v) { this.handlesPayments = v; }
		public String getPaymentDescription() { return paymentDescription; }
		public void setPaymentDescription(String v) { this.paymentDescription = nz(v); }

	}

	/** The questionnaire; yes/no answers are {@code "yes"}, {@code "no"} or {@code ""} (not answered). */
	public static class SecurityForm {

		private String encryptionAtRest = "";
		private String staffMfa = "";
		private String loginAuditing = "";
		private String incidentContact = "";
		private String lastPenetrationTest = "";
		private String notes = "";

		static SecurityForm of(SecurityQuestionnaire q) {
			var form = new SecurityForm();
			form.encryptionAtRest = answer(q.encryptionAtRest());
			form.staffMfa = answer(q.staffMfa());
			form.loginAuditing = answer(q.loginAuditing());
			form.incidentContact = nz(q.incidentContact());
			form.lastPenetrationTest = q.lastPenetrationTest() == null ? "" : q.lastPenetrationTest().toString();
			form.notes = nz(q.notes());
			return form;
		}

		SecurityQuestionnaire toQuestionnaire() {
			LocalDate penTest;
			try {
				penTest = lastPenetrationTest.isBlank() ? null : LocalDate.parse(lastPenetrationTest.strip());
			}
			catch (DateTimeParseException ex) {
				penTest = null;
			}
			return new SecurityQuestionnaire(answer(encryptionAtRest), answer(staffMfa), answer(loginAuditing),
					blankToNull(incidentContact), penTest, blankToNull(notes));
		}

		private static String answer(Boolean value) {
			return value == null ? "" : value ? "yes" : "no";
		}

		private static Boolean answer(String value) {
			return switch (value) {
				case "yes" -> true;
				case "no" -> false;
				default -> null;
			};
		}

		public String getEncryptionAtRest() { return encryptionAtRest; }
		public void setEncryptionAtRest(String v) { this.encryptionAtRest = nz(v); }
		public String getStaffMfa() { return staffMfa; }
		public void setStaffMfa(String v) { this.staffMfa = nz(v); }
		public String getLoginAuditing() { return loginAuditing; }
		public void setLoginAuditing(String v) { this.loginAuditing = nz(v); }
		public String getIncidentContact() { return incidentContact; }
		public void setIncidentContact(String v) { this.incidentContact = nz(v); }
		public String getLastPenetrationTest() { return lastPenetrationTest; }
		public void setLastPenetrationTest(String v) { this.lastPenetrationTest = nz(v); }
		public String getNotes() { return notes; }
		public void setNotes(String v) { this.notes = nz(v); }

	}

}
