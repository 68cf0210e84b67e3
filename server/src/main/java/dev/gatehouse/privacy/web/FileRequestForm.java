package dev.gatehouse.privacy.web;

import dev.gatehouse.marketplace.CustomerAccountId;
import dev.gatehouse.privacy.FileRequestCommand;
import dev.gatehouse.privacy.RequestKind;

import java.util.Arrays;
import java.util.List;

/** The filing form as typed: subject ids and field names one per line (or separated by commas). */
class FileRequestForm {

	/** Only on the operator's form, which files for any account. */
	private String accountId = "";

	private String kind = RequestKind.ERASURE.name();

	private String subjectIds = "";

	private String changedFields = "";

	FileRequestCommand toCommand(CustomerAccountId account) {
		RequestKind parsed = Arrays.stream(RequestKind.values()).filter(k -> k.name().equals(kind)).findFirst().orElse(null);
		return new FileRequestCommand(account, parsed, split(subjectIds), split(changedFields));
	}

	private static List<String> split(String text) {
		return text == null ? List.of()
				: Arrays.stream(text.split("[,\\r\\n]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
	}

	public String getAccountId() {
		return accountId;
	}

	public void setAccountId(String accountId) {
		this.accountId = accountId;
	}

	public String getKind() {
		return kind;
	}

	public void setKind(String kind) {
		this.kind = kind;
	}

	public String getSubjectIds() {
		return subjectIds;
	}

	public void setSubjectIds(String subjectIds) {
		this.subjectIds = subjectIds;
	}

	public String getChangedFields() {
		return changedFields;
	}

	public void setChangedFields(String changedFields) {
		this.changedFields = changedFields;
	}

}
