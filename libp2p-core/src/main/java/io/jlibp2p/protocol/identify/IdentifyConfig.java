package io.jlibp2p.protocol.identify;

import java.time.Duration;

/**
 * Identify settings.
 *
 * @param agentVersion what this node calls itself
 * @param protocolVersion the protocol family, {@code ipfs/0.1.0} as go, rust and js send
 * @param timeout how long reading a peer's identify may take
 * @param push whether to push changes of listen addresses and protocols to connected
 * peers
 * @param addressTtl how long addresses learned from identify stay in the peer store
 */
public record IdentifyConfig(String agentVersion, String protocolVersion, Duration timeout, boolean push,
		Duration addressTtl) {

	/**
	 * Defaults: agent {@code jlibp2p}, 10 s timeout, push on, addresses kept one hour.
	 */
	public static final IdentifyConfig DEFAULT = new IdentifyConfig("jlibp2p", "ipfs/0.1.0", Duration.ofSeconds(10),
			true, Duration.ofHours(1));

	public IdentifyConfig {
		if (agentVersion.isBlank() || agentVersion.length() > 256) {
			throw new IllegalArgumentException("agentVersion must be 1 to 256 characters");
		}
		if (timeout.isNegative() || timeout.isZero() || addressTtl.isNegative() || addressTtl.isZero()) {
			throw new IllegalArgumentException("identify durations must be positive");
		}
	}

}
