package dev.gatehouse.shared.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

import org.apache.hc.client5.http.DnsResolver;

import dev.gatehouse.shared.net.OutboundRequestRefused.Reason;

/**
 * Resolves a host once and refuses the whole answer if any address is not permitted. HttpClient
 * connects to exactly the addresses returned here, so the address that was checked is the address
 * that is connected to: a DNS answer that changes between check and connect (rebinding) cannot
 * slip through. TLS still verifies the certificate against the host name, not the address.
 */
final class CheckingDnsResolver implements DnsResolver {

	private final AddressPolicy policy;

	private final DnsResolver delegate;

	CheckingDnsResolver(AddressPolicy policy, DnsResolver delegate) {
		this.policy = policy;
		this.delegate = delegate;
	}

	@Override
	public InetAddress[] resolve(String host) throws UnknownHostException {
		String name = AddressPolicy.normalizeHost(host);
		InetAddress[] addresses;
		try {
			addresses = delegate.resolve(name);
		}
		catch (UnknownHostException | IllegalArgumentException ex) {
			throw new RefusedAddressException(Reason.UNRESOLVABLE, "host " + name + " does not resolve");
		}
		if (addresses == null || addresses.length == 0) {
			throw new RefusedAddressException(Reason.UNRESOLVABLE, "host " + name + " does not resolve");
		}
		for (InetAddress address : addresses) {
			if (!policy.permits(name, address)) {
				throw new RefusedAddressException(Reason.PRIVATE_ADDRESS,
						"host " + name + " resolves to " + address.getHostAddress() + ", which is not public");
			}
		}
		return addresses;
	}

	@Override
	public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
		return Arrays.stream(resolve(host)).map((address) -> new InetSocketAddress(address, port)).toList();
	}

	/** Used for Kerberos/SPNEGO only, which Gatehouse does not do; never look anything up. */
	@Override
	public String resolveCanonicalHostname(String host) {
		return host;
	}

	/**
	 * Carries a refusal out of HttpClient, which only lets an {@link UnknownHostException} through
	 * its resolver.
	 */
	static final class RefusedAddressException extends UnknownHostException {

		private final Reason reason;

		RefusedAddressException(Reason reason, String message) {
			super(message);
			this.reason = reason;
		}

		Reason reason() {
			return this.reason;
		}

	}

}
