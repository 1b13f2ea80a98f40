package io.jlibp2p.transport;

import java.time.Duration;

import io.jlibp2p.crypto.PrivateKey;
import io.jlibp2p.muxer.yamux.YamuxConfig;

/**
 * How raw connections are upgraded.
 *
 * @param identity this node's identity key
 * @param negotiationTimeout how long one multistream-select negotiation may take
 * @param handshakeTimeout how long the security handshake may take
 * @param yamux the muxer's limits
 */
public record UpgradeConfig(PrivateKey identity, Duration negotiationTimeout, Duration handshakeTimeout,
		YamuxConfig yamux) {

	public UpgradeConfig {
		if (negotiationTimeout.isNegative() || negotiationTimeout.isZero() || handshakeTimeout.isNegative()
				|| handshakeTimeout.isZero()) {
			throw new IllegalArgumentException(
					"timeouts must be positive: " + negotiationTimeout + ", " + handshakeTimeout);
		}
	}

}
