package io.jlibp2p.transport;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.jlibp2p.crypto.PrivateKey;
import io.jlibp2p.muxer.mplex.MplexConfig;
import io.jlibp2p.muxer.yamux.YamuxConfig;
import io.jlibp2p.security.pnet.PreSharedKey;

/**
 * How raw connections are upgraded.
 *
 * @param identity this node's identity key
 * @param negotiationTimeout how long one multistream-select negotiation may take
 * @param handshakeTimeout how long the security handshake may take
 * @param security the security protocols to use, in order of preference
 * @param muxers the muxers to use, in order of preference
 * @param yamux yamux's limits
 * @param mplex mplex's limits
 * @param privateNetwork the private network's key, {@code null} for the public network
 */
public record UpgradeConfig(PrivateKey identity, Duration negotiationTimeout, Duration handshakeTimeout,
		List<String> security, List<String> muxers, YamuxConfig yamux, MplexConfig mplex,
		@Nullable PreSharedKey privateNetwork) {

	public UpgradeConfig {
		security = KnownProtocols.requireSecurity(security);
		muxers = KnownProtocols.requireMuxers(muxers);
		if (negotiationTimeout.isNegative() || negotiationTimeout.isZero() || handshakeTimeout.isNegative()
				|| handshakeTimeout.isZero()) {
			throw new IllegalArgumentException(
					"timeouts must be positive: " + negotiationTimeout + ", " + handshakeTimeout);
		}
	}

}
