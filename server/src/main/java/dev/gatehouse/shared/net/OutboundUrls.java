package dev.gatehouse.shared.net;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import dev.gatehouse.shared.net.OutboundRequestRefused.Reason;

/** The checks on a URL that need no DNS: scheme, user info, host spelling, port. */
final class OutboundUrls {

	/** Only digits, dots and hex prefixes: something some parser may read as an IPv4 address. */
	private static final Pattern NUMERIC_HOST = Pattern.compile("^(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]*))*$");

	/** Exactly four decimal octets without leading zeros: the one spelling every parser agrees on. */
	private static final Pattern CANONICAL_IPV4 = Pattern
		.compile("^(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}$");

	private OutboundUrls() {
	}

	static URI parse(String url) {
		try {
			return new URI(url);
		}
		catch (URISyntaxException | NullPointerException ex) {
			throw new OutboundRequestRefused(Reason.INVALID_URL, "not a URL");
		}
	}

	/**
	 * Checks a URL and returns it without its fragment.
	 * @param allowHttp whether plain http is acceptable for this request
	 * @param allowedPorts ports allowed besides 80 and 443
	 */
	static URI check(URI url, boolean allowHttp, Set<Integer> allowedPorts) {
		if (!url.isAbsolute() || url.isOpaque()) {
			throw new OutboundRequestRefused(Reason.INVALID_URL, "not an absolute http(s) URL");
		}
		String scheme = url.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("https") && !(scheme.equals("http") && allowHttp)) {
			throw new OutboundRequestRefused(Reason.SCHEME,
					"scheme " + scheme + " not allowed (" + (allowHttp ? "http or https" : "https only") + ")");
		}
		String authority = url.getRawAuthority();
		if (url.getRawUserInfo() != null || (authority != null && authority.contains("@"))) {
			throw new OutboundRequestRefused(Reason.USERINFO, "URLs with a user name or password are not allowed");
		}
		String host = url.getHost();
		if (host == null || host.isEmpty()) {
			throw new OutboundRequestRefused(Reason.INVALID_URL, "no host name Gatehouse can read unambiguously");
		}
		checkHost(host.toLowerCase(Locale.ROOT));
		int port = url.getPort();
		if (port != -1 && port != 80 && port != 443 && !allowedPorts.contains(port)) {
			throw new OutboundRequestRefused(Reason.PORT, "port " + port + " not allowed");
		}
		if (url.getRawFragment() == null) {
			return url;
		}
		String text = url.toString();
		return URI.create(text.substring(0, text.indexOf('#')));
	}

	private static void checkHost(String host) {
		if (host.startsWith("[")) {
			if (host.contains("%")) {
				throw new OutboundRequestRefused(Reason.INVALID_URL, "IPv6 zone ids are not allowed");
			}
			return;
		}
		for (int i = 0; i < host.length(); i++) {
			if (host.charAt(i) > 0x7e) {
				throw new OutboundRequestRefused(Reason.INVALID_URL, "host names must be ASCII (punycode)");
			}
		}
		if (NUMERIC_HOST.matcher(host).matches() && !CANONICAL_IPV4.matcher(host).matches()) {
			// 2130706433, 0177.0.0.1, 127.1: parsers disagree on these (the JDK reads 0177 as 177,
			// curl and browsers as octal 127), so refuse rather than guess which one the reader meant.
			throw new OutboundRequestRefused(Reason.INVALID_URL, "ambiguous IPv4 spelling " + host);
		}
	}

	/** Scheme, host and port of a URL, for comparing origins. */
	static String origin(URI url) {
		String scheme = url.getScheme().toLowerCase(Locale.ROOT);
		int port = url.getPort();
		if (port == -1) {
			port = scheme.equals("https") ? 443 : 80;
		}
		return scheme + "://" + AddressPolicy.normalizeHost(url.getHost()) + ":" + port;
	}

	/** The host of a URL, which is safe to put in messages and logs (unlike path and query). */
	static String describe(URI url) {
		return (url.getHost() != null) ? url.getHost() : "(no host)";
	}

}
