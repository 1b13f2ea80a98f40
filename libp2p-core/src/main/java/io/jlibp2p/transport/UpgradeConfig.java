package io.jlibp2p.transport;

import java.time.Duration;
import java.util.List;

import io.jlibp2p.crypto.PrivateKey;
import io.jlibp2p.muxer.mplex.MplexConfig;
import io.jlibp2p.muxer.mplex.MplexSession;
import io.jlibp2p.muxer.yamux.YamuxConfig;
import io.jlibp2p.muxer.yamux.YamuxSession;

/**
 * How raw connections are upgraded.
 *
 * @param identity this node's identity key
 * @param negotiationTimeout how long one multistream-select negotiation may take
 * @param handshakeTimeout how long the security handshake may take
 * @param muxers the muxers to use, in order of preference ({@code /yamux/1.0.0},
 * {@code /mplex/6.7.0})
 * @param yamux yamux's limits
 * @param mplex mplex's limits
 */
public record UpgradeConfig(PrivateKey identity, Duration negotiationTimeout, Duration handshakeTimeout,
		List<String> muxers, YamuxConfig yamux, MplexConfig mplex) {

	public UpgradeConfig {
		muxers = List.copyOf(muxers);
		if (muxers.isEmpty()) {
			throw new IllegalArgumentException("at least one muxer is needed");
		}
		for (String muxer : muxers) {
			if (!muxer.equals(YamuxSession.PROTOCOL_ID) && !muxer.equals(MplexSession.PROTOCOL_ID)) {
				throw new IllegalArgumentException("unknown muxer " + muxer + "; known: " + YamuxSession.PROTOCOL_ID
						+ ", " + MplexSession.PROTOCOL_ID);
			}
		}
		if (negotiationTimeout.isNegative() || negotiationTimeout.isZero() || handshakeTimeout.isNegative()
				|| handshakeTimeout.isZero()) {
			throw new IllegalArgumentException(
					"timeouts must be positive: " + negotiationTimeout + ", " + handshakeTimeout);
		}
	}

}
