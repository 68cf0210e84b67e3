package dev.gatehouse.developers.web;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The public sign-up form; the password is never sent back to the page. */
public class SignUpForm {

	@NotBlank(message = "Enter your organization's name.")
	@Size(min = 2, max = 100, message = "Use 2 to 100 characters.")
	private String organizationName = "";

	@NotBlank(message = "Enter your name.")
	@Size(max = 200, message = "Use at most 200 characters.")
	private String displayName = "";

	@NotBlank(message = "Enter your email address.")
	@Email(message = "Enter a valid email address.")
	private String email = "";

	@NotBlank(message = "Choose a password.")
	@Size(min = 12, max = 128, message = "Use 12 to 128 characters.")
	private String password = "";

	private boolean acceptTerms;

	public String getOrganizationName() { return organizationName; }
	public void setOrganizationName(String v) { this.organizationName = v; }
	public String getDisplayName() { return displayName; }
	public void setDisplayName(String v) { this.displayName = v; }
	public String getEmail() { return email; }
	public void setEmail(String v) { this.email = v; }
	public String getPassword() { return password; }
	public void setPassword(String v) { this.password = v; }
	public boolean isAcceptTerms() { return acceptTerms; }
	public void setAcceptTerms(boolean v) { this.acceptTerms = v; }

}
