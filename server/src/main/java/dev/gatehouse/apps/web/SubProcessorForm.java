package dev.gatehouse.apps.web;

import java.io.Serializable;

/** A sub-processor the developer declares; kept as typed when the registry refuses it. */
public class SubProcessorForm implements Serializable {

	private String name = "";

	private String purpose = "";

	private String country = "";

	/** Comma separated. */
	private String dataCategories = "";

	public String getName() { return name; }
	public void setName(String v) { this.name = v == null ? "" : v; }
	public String getPurpose() { return purpose; }
	public void setPurpose(String v) { this.purpose = v == null ? "" : v; }
	public String getCountry() { return country; }
	public void setCountry(String v) { this.country = v == null ? "" : v; }
	public String getDataCategories() { return dataCategories; }
	public void setDataCategories(String v) { this.dataCategories = v == null ? "" : v; }

}
