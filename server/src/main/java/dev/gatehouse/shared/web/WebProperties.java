package dev.gatehouse.shared.web;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param publicUrl the address people use to reach Gatehouse; links in emails start with it
 */
@ConfigurationProperties("gatehouse.web")
public record WebProperties(@DefaultValue("http://localhost:8080") URI publicUrl) {

	/** An absolute link to a path of ours, for emails. */
	public String link(String pathAndQuery) {
		String base = publicUrl.toString().replaceAll("/+$", "");
		return base + pathAndQuery;
	}

}
