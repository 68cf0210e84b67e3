package dev.gatehouse.apps;

import java.util.List;

/**
 * The app's data-use declaration: an attestation shown to reviewers and customers.
 *
 * @param categories per data category: purposes, lawful basis, retention and storage region
 * @param sharesWithThirdParties data leaves the developer's hands (to anyone but approved sub-processors)
 * @param sellsData data is sold or rented; needs a consent-bearing scope
 * @param sensitiveCategories special categories (health, biometrics, ...) and why the app needs them
 * @param thirdPartySources other APIs whose data the app combines, whose own policies then apply
 * @param handlesPayments the app takes or moves money
 */
public record DataUse(List<CategoryUse> categories, boolean sharesWithThirdParties, String sharingDescription,
		boolean sellsData, List<SensitiveCategory> sensitiveCategories, List<String> thirdPartySources,
		boolean handlesPayments, String paymentDescription) {

	public DataUse {
		categories = categories == null ? List.of() : List.copyOf(categories);
		sensitiveCategories = sensitiveCategories == null ? List.of() : List.copyOf(sensitiveCategories);
		thirdPartySources = thirdPartySources == null ? List.of() : List.copyOf(thirdPartySources);
	}

	public static DataUse none() {
		return new DataUse(List.of(), false, null, false, List.of(), List.of(), false, null);
	}

	public record CategoryUse(String category, List<String> purposes, LawfulBasis lawfulBasis, String retention,
			String storageRegion) {
	}

	public record SensitiveCategory(String category, String justification) {
	}

}
