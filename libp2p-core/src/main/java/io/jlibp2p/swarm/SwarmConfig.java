package io.jlibp2p.swarm;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.jlibp2p.multiformats.Cidr;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.muxer.mplex.MplexConfig;
import io.jlibp2p.muxer.yamux.YamuxConfig;
import io.jlibp2p.resources.ResourceLimits;
import io.jlibp2p.transport.KnownProtocols;

/**
 * Limits, timeouts and upgrade protocols of a swarm. Change one with its {@code with…}
 * method.
 *
 * @param timeouts how long dials, negotiations and handshakes may take, and idle
 * connections stay
 * @param limits how many connections may be open and in progress
 * @param inbound how many of them may be inbound, in all and from one address
 * @param watermarks when the connection manager trims connections, and how far
 * @param resources the resource manager's limits on streams and memory
 * @param security the security protocols to offer, in order of preference
 * @param muxers the muxers to offer, in order of preference
 * @param yamux yamux's limits
 * @param mplex mplex's limits
 * @param eventLoopThreads Netty event-loop threads, 0 for Netty's default
 */
public record SwarmConfig(Timeouts timeouts, Limits limits, InboundLimits inbound, Watermarks watermarks,
		ResourceLimits resources, List<String> security, List<String> muxers, YamuxConfig yamux, MplexConfig mplex,
		int eventLoopThreads) {

	/** The default timeouts and limits, Noise, yamux preferred over mplex. */
	public static final SwarmConfig DEFAULT = new SwarmConfig(Timeouts.DEFAULT, Limits.DEFAULT, InboundLimits.DEFAULT,
			Watermarks.DEFAULT, ResourceLimits.DEFAULT, KnownProtocols.SECURITY, KnownProtocols.MUXERS,
			YamuxConfig.DEFAULT, MplexConfig.DEFAULT, 0);

	public SwarmConfig {
		security = KnownProtocols.requireSecurity(security);
		muxers = KnownProtocols.requireMuxers(muxers);
		if (eventLoopThreads < 0) {
			throw new IllegalArgumentException("event-loop threads must not be negative, not " + eventLoopThreads);
		}
	}

	public SwarmConfig withTimeouts(Timeouts timeouts) {
		return new SwarmConfig(timeouts, this.limits, this.inbound, this.watermarks, this.resources, this.security,
				this.muxers, this.yamux, this.mplex, this.eventLoopThreads);
	}

	public SwarmConfig withLimits(Limits limits) {
		return new SwarmConfig(this.timeouts, limits, this.inbound, this.watermarks, this.resources, this.security,
				this.muxers, this.yamux, this.mplex, this.eventLoopThreads);
	}

	public SwarmConfig withInbound(InboundLimits inbound) {
		return new SwarmConfig(this.timeouts, this.limits, inbound, this.watermarks, this.resources, this.security,
				this.muxers, this.yamux, this.mplex, this.eventLoopThreads);
	}

	public SwarmConfig withWatermarks(Watermarks watermarks) {
		return new SwarmConfig(this.timeouts, this.limits, this.inbound, watermarks, this.resources, this.security,
				this.muxers, this.yamux, this.mplex, this.eventLoopThreads);
	}

	public SwarmConfig withResources(ResourceLimits resources) {
		return new SwarmConfig(this.timeouts, this.limits, this.inbound, this.watermarks, resources, this.security,
				this.muxers, this.yamux, this.mplex, this.eventLoopThreads);
	}

	/**
	 * Returns this configuration with other security protocols.
	 * @param security the protocols to offer, in order of preference
	 * @return the new configuration
	 */
	public SwarmConfig withSecurity(List<String> security) {
		return new SwarmConfig(this.timeouts, this.limits, this.inbound, this.watermarks, this.resources, security,
				this.muxers, this.yamux, this.mplex, this.eventLoopThreads);
	}

	/**
	 * Returns this configuration with other muxers.
	 * @param muxers the muxers to offer, in order of preference
	 * @param yamux yamux's limits
	 * @return the new configuration
	 */
	public SwarmConfig withMuxers(List<String> muxers, YamuxConfig yamux) {
		return new SwarmConfig(this.timeouts, this.limits, this.inbound, this.watermarks, this.resources, this.security,
				muxers, yamux, this.mplex, this.eventLoopThreads);
	}

	/**
	 * Returns this configuration with another number of event-loop threads.
	 * @param threads Netty event-loop threads, 0 for Netty's default
	 * @return the new configuration
	 */
	public SwarmConfig withEventLoopThreads(int threads) {
		return new SwarmConfig(this.timeouts, this.limits, this.inbound, this.watermarks, this.resources, this.security,
				this.muxers, this.yamux, this.mplex, threads);
	}

	/**
	 * How long things may take.
	 *
	 * @param dial a dial, TCP connect and upgrade together
	 * @param negotiation one multistream-select negotiation
	 * @param handshake the security handshake
	 * @param idle how long a connection without streams stays open when no behaviour
	 * keeps it alive
	 */
	public record Timeouts(Duration dial, Duration negotiation, Duration handshake, Duration idle) {

		/** 30 s dials, 10 s negotiations, 15 s handshakes, 60 s idle. */
		public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(10),
				Duration.ofSeconds(15), Duration.ofSeconds(60));

		public Timeouts {
			for (Duration timeout : new Duration[] { dial, negotiation, handshake, idle }) {
				if (timeout.isNegative() || timeout.isZero()) {
					throw new IllegalArgumentException("swarm timeouts must be positive, not " + timeout);
				}
			}
		}

		public Timeouts withDial(Duration timeout) {
			return new Timeouts(timeout, this.negotiation, this.handshake, this.idle);
		}

		public Timeouts withHandshake(Duration timeout) {
			return new Timeouts(this.dial, this.negotiation, timeout, this.idle);
		}

		public Timeouts withIdle(Duration timeout) {
			return new Timeouts(this.dial, this.negotiation, this.handshake, timeout);
		}

	}

	/**
	 * How many connections may be open and in progress.
	 *
	 * @param connections connections open at once
	 * @param perPeer connections open at once to one peer
	 * @param pendingInbound inbound connections being upgraded at once
	 * @param pendingOutbound dials in progress at once
	 */
	public record Limits(int connections, int perPeer, int pendingInbound, int pendingOutbound) {

		/** 256 connections, 4 a peer, 64 upgrades in progress each way. */
		public static final Limits DEFAULT = new Limits(256, 4, 64, 64);

		public Limits {
			if (connections < 1 || perPeer < 1 || pendingInbound < 1 || pendingOutbound < 1) {
				throw new IllegalArgumentException("swarm limits must be positive, not " + connections + ", " + perPeer
						+ ", " + pendingInbound + ", " + pendingOutbound);
			}
		}

	}

	/**
	 * How many connections may be inbound, against lockout: connections others open must
	 * leave room for the node's own dials, and one address or subnet may hold only a few,
	 * and open them only so fast. As go-libp2p's connection limits per IP and subnet and
	 * its listener's rate limiter.
	 *
	 * @param connections inbound connections open at once, at most the total
	 * @param perIp inbound connections open from one IP address
	 * @param perSubnet inbound connections open from one public /24 (IPv4) or /48 (IPv6);
	 * private, loopback, link-local and unique local addresses are not grouped
	 * @param pendingPerIp inbound connections being upgraded at once from one IP address
	 * @param acceptsPerSecond new connections accepted from one IP address per second, in
	 * bursts of up to twice as many; the rest are closed at once
	 * @param exempt networks the per-address limits do not apply to (loopback by default:
	 * tests, demos and benchmarks run many nodes on one host)
	 */
	public record InboundLimits(int connections, int perIp, int perSubnet, int pendingPerIp, int acceptsPerSecond,
			List<Cidr> exempt) {

		/**
		 * 192 of the 256 connections (64 stay for dials), 16 from one address and 64 from
		 * one subnet, 8 upgrades at once and 10 new connections a second from one
		 * address; loopback exempt.
		 */
		public static final InboundLimits DEFAULT = new InboundLimits(192, 16, 64, 8, 10, Cidr.LOOPBACK);

		public InboundLimits {
			if (connections < 1 || perIp < 1 || perSubnet < 1 || pendingPerIp < 1 || acceptsPerSecond < 1) {
				throw new IllegalArgumentException("inbound limits must be positive, not " + connections + ", " + perIp
						+ ", " + perSubnet + ", " + pendingPerIp + " and " + acceptsPerSecond);
			}
			exempt = List.copyOf(exempt);
		}

		/**
		 * Returns this with other inbound totals, per address and per subnet.
		 * @param connections inbound connections open at once
		 * @param perIp from one IP address
		 * @param perSubnet from one public subnet
		 * @return the new limits
		 */
		public InboundLimits withOpen(int connections, int perIp, int perSubnet) {
			return new InboundLimits(connections, perIp, perSubnet, this.pendingPerIp, this.acceptsPerSecond,
					this.exempt);
		}

		/**
		 * Returns this with another rate and pending limit per address and other exempt
		 * networks.
		 * @param pendingPerIp upgrades at once from one address
		 * @param acceptsPerSecond new connections a second from one address
		 * @param exempt networks the per-address limits do not apply to
		 * @return the new limits
		 */
		public InboundLimits withPerAddress(int pendingPerIp, int acceptsPerSecond, List<Cidr> exempt) {
			return new InboundLimits(this.connections, this.perIp, this.perSubnet, pendingPerIp, acceptsPerSecond,
					exempt);
		}

		/**
		 * Returns the IP address the per-address limits count a remote by.
		 * @param remote the remote address
		 * @return its IP, or {@code null} for a remote without one or in an exempt
		 * network
		 */
		byte @Nullable [] limitedIp(Multiaddr remote) {
			byte[] ip = Cidr.ip(remote).orElse(null);
			return (ip == null || Cidr.inAny(this.exempt, ip)) ? null : ip;
		}

		/**
		 * Returns the key that counts per address are kept under.
		 * @param ip an address {@link #limitedIp} returned
		 * @return its bytes in hex
		 */
		static String key(byte[] ip) {
			return HexFormat.of().formatHex(ip);
		}

	}

	/**
	 * When the {@link ConnectionManager} trims connections: above the high watermark it
	 * closes the least valuable down to the low one, sparing connections younger than the
	 * grace period.
	 *
	 * @param low connections left open after trimming
	 * @param high connections open before trimming starts
	 * @param gracePeriod how long a new connection is spared
	 */
	public record Watermarks(int low, int high, Duration gracePeriod) {

		/** go-libp2p's defaults: 160 and 192, one minute of grace. */
		public static final Watermarks DEFAULT = new Watermarks(160, 192, Duration.ofMinutes(1));

		public Watermarks {
			if (low < 1 || high < low || gracePeriod.isNegative()) {
				throw new IllegalArgumentException(
						"watermarks need 0 < low <= high and a grace period of 0 or more, not " + low + ", " + high
								+ " and " + gracePeriod);
			}
		}

	}

}
