package io.jlibp2p.swarm;

import java.time.Duration;
import java.util.List;

import io.jlibp2p.muxer.mplex.MplexConfig;
import io.jlibp2p.muxer.mplex.MplexSession;
import io.jlibp2p.muxer.yamux.YamuxConfig;
import io.jlibp2p.muxer.yamux.YamuxSession;

/**
 * Limits and timeouts of a swarm.
 *
 * @param dialTimeout how long a dial may take, TCP connect and upgrade together
 * @param negotiationTimeout how long one multistream-select negotiation may take
 * @param handshakeTimeout how long the security handshake may take
 * @param idleTimeout how long a connection without streams stays open when no behaviour
 * keeps it alive
 * @param maxConnections connections open at once
 * @param maxConnectionsPerPeer connections open at once to one peer
 * @param maxPendingInbound inbound connections being upgraded at once
 * @param maxPendingOutbound dials in progress at once
 * @param muxers the muxers to offer, in order of preference
 * @param yamux yamux's limits
 * @param mplex mplex's limits
 * @param eventLoopThreads Netty event-loop threads, 0 for Netty's default
 */
public record SwarmConfig(Duration dialTimeout, Duration negotiationTimeout, Duration handshakeTimeout,
		Duration idleTimeout, int maxConnections, int maxConnectionsPerPeer, int maxPendingInbound,
		int maxPendingOutbound, List<String> muxers, YamuxConfig yamux, MplexConfig mplex, int eventLoopThreads) {

	/**
	 * Defaults: 30 s dials, 10 s negotiations, 15 s handshakes, 60 s idle, 256
	 * connections (4 a peer), yamux preferred over mplex.
	 */
	public static final SwarmConfig DEFAULT = new SwarmConfig(Duration.ofSeconds(30), Duration.ofSeconds(10),
			Duration.ofSeconds(15), Duration.ofSeconds(60), 256, 4, 64, 64,
			List.of(YamuxSession.PROTOCOL_ID, MplexSession.PROTOCOL_ID), YamuxConfig.DEFAULT, MplexConfig.DEFAULT, 0);

	public SwarmConfig {
		muxers = List.copyOf(muxers);
		for (Duration timeout : new Duration[] { dialTimeout, negotiationTimeout, handshakeTimeout, idleTimeout }) {
			if (timeout.isNegative() || timeout.isZero()) {
				throw new IllegalArgumentException("swarm timeouts must be positive, not " + timeout);
			}
		}
		if (maxConnections < 1 || maxConnectionsPerPeer < 1 || maxPendingInbound < 1 || maxPendingOutbound < 1
				|| eventLoopThreads < 0) {
			throw new IllegalArgumentException("swarm limits must be positive");
		}
	}

	/**
	 * Returns this configuration with other timeouts.
	 * @param dial how long a dial may take, connect and upgrade together
	 * @param handshake how long the security handshake may take
	 * @param idle how long a connection nobody uses stays open
	 * @return the new configuration
	 */
	public SwarmConfig withTimeouts(Duration dial, Duration handshake, Duration idle) {
		return new SwarmConfig(dial, this.negotiationTimeout, handshake, idle, this.maxConnections,
				this.maxConnectionsPerPeer, this.maxPendingInbound, this.maxPendingOutbound, this.muxers, this.yamux,
				this.mplex, this.eventLoopThreads);
	}

	/**
	 * Returns this configuration with other connection limits.
	 * @param connections connections open at once
	 * @param perPeer connections open at once to one peer
	 * @param pendingInbound inbound connections being upgraded at once
	 * @param pendingOutbound dials in progress at once
	 * @return the new configuration
	 */
	public SwarmConfig withLimits(int connections, int perPeer, int pendingInbound, int pendingOutbound) {
		return new SwarmConfig(this.dialTimeout, this.negotiationTimeout, this.handshakeTimeout, this.idleTimeout,
				connections, perPeer, pendingInbound, pendingOutbound, this.muxers, this.yamux, this.mplex,
				this.eventLoopThreads);
	}

	/**
	 * Returns this configuration with other muxers.
	 * @param muxers the muxers to offer, in order of preference
	 * @param yamux yamux's limits
	 * @return the new configuration
	 */
	public SwarmConfig withMuxers(List<String> muxers, YamuxConfig yamux) {
		return new SwarmConfig(this.dialTimeout, this.negotiationTimeout, this.handshakeTimeout, this.idleTimeout,
				this.maxConnections, this.maxConnectionsPerPeer, this.maxPendingInbound, this.maxPendingOutbound,
				muxers, yamux, this.mplex, this.eventLoopThreads);
	}

	/**
	 * Returns this configuration with another number of event-loop threads.
	 * @param threads Netty event-loop threads, 0 for Netty's default
	 * @return the new configuration
	 */
	public SwarmConfig withEventLoopThreads(int threads) {
		return new SwarmConfig(this.dialTimeout, this.negotiationTimeout, this.handshakeTimeout, this.idleTimeout,
				this.maxConnections, this.maxConnectionsPerPeer, this.maxPendingInbound, this.maxPendingOutbound,
				this.muxers, this.yamux, this.mplex, threads);
	}

}
