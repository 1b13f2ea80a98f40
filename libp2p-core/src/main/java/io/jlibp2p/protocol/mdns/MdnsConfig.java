package io.jlibp2p.protocol.mdns;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * mDNS discovery settings.
 *
 * @param serviceName the service queried and announced; a private network uses its own
 * @param queryInterval how often this node asks the link for peers, besides once at start
 * @param ttl how long an announced or discovered address stays valid without a new answer
 * @param networkInterface the interface to use by name, or {@code null} for the first one
 * that is up, multicast-capable and not loopback (loopback when there is none)
 * @param port the UDP port; 5353 on a real link, another one in tests
 * @param dialDiscovered whether to dial peers as they are discovered
 */
public record MdnsConfig(String serviceName, Duration queryInterval, Duration ttl, @Nullable String networkInterface,
		int port, boolean dialDiscovered) {

	/** The libp2p service name. */
	public static final String SERVICE_NAME = "_p2p._udp.local";

	/**
	 * The spec's service on port 5353 with rust-libp2p's timings: a query every 5 minutes
	 * and answers valid for 6, so an answered peer never expires between queries;
	 * discovered peers are reported, not dialed.
	 */
	public static final MdnsConfig DEFAULT = new MdnsConfig(SERVICE_NAME, Duration.ofMinutes(5), Duration.ofMinutes(6),
			null, 5353, false);

	public MdnsConfig {
		if (queryInterval.isNegative() || queryInterval.isZero() || ttl.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException("mDNS query interval and ttl (at least 1 s) must be positive");
		}
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("mDNS port out of range: " + port);
		}
		if (!serviceName.endsWith(".local") || serviceName.length() > 100) {
			throw new IllegalArgumentException("an mDNS service name ends with .local: " + serviceName);
		}
	}

	/**
	 * Returns these settings with another interface and port.
	 * @param networkInterface the interface name
	 * @param port the UDP port
	 * @return the new settings
	 */
	public MdnsConfig on(String networkInterface, int port) {
		return new MdnsConfig(this.serviceName, this.queryInterval, this.ttl, networkInterface, port,
				this.dialDiscovered);
	}

	/**
	 * Returns these settings with discovered peers dialed or not.
	 * @param dial whether to dial them
	 * @return the new settings
	 */
	public MdnsConfig dialDiscovered(boolean dial) {
		return new MdnsConfig(this.serviceName, this.queryInterval, this.ttl, this.networkInterface, this.port, dial);
	}

}
