package io.jlibp2p.resources;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Set;

import com.sun.management.UnixOperatingSystemMXBean;

import io.jlibp2p.multiformats.Cidr;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.peer.PeerId;

/**
 * The limits of every kind of scope, and the peers and networks exempt from them.
 *
 * @param system the whole node
 * @param negotiating streams whose protocol is not agreed yet (go's transient scope)
 * @param protocol each protocol
 * @param peer each peer
 * @param connection each connection
 * @param stream each stream (memory only)
 * @param allowlist peers and networks whose streams are counted but never refused
 */
public record ResourceLimits(ScopeLimits system, ScopeLimits negotiating, ScopeLimits protocol, ScopeLimits peer,
		ScopeLimits connection, ScopeLimits stream, Allowlist allowlist) {

	private static final long MIB = 1024 * 1024;

	/** Limits scaled from this JVM's maximum heap, nothing allowlisted. */
	public static final ResourceLimits DEFAULT = scaledTo(Runtime.getRuntime().maxMemory());

	/**
	 * Derives limits from a heap size, as go scales its defaults from the machine's
	 * memory: the system may reserve an eighth of the heap for streams' buffers and
	 * windows, one peer an eighth of that, one protocol half of it.
	 * @param maxHeap the heap the node runs in, in bytes
	 * @return the limits
	 */
	public static ResourceLimits scaledTo(long maxHeap) {
		return of(Math.max(32 * MIB, maxHeap / 8), (int) Math.max(512, Math.min(8192, maxHeap / (512 * 1024))));
	}

	/**
	 * Derives every scope's limits from the system's: the transient scope gets an eighth
	 * of the streams (at least 64) and a sixteenth of the memory, a protocol half of
	 * both, a peer at most 512 inbound and 1 024 outbound streams and an eighth of the
	 * memory, a connection as many streams and a sixteenth, a stream at most 16 MiB.
	 * @param memory bytes the whole node may reserve
	 * @param streams streams the whole node may hold in each direction
	 * @return the limits
	 */
	public static ResourceLimits of(long memory, int streams) {
		ScopeLimits system = new ScopeLimits(streams, streams, memory, halfTheProcessLimit());
		return new ResourceLimits(system,
				new ScopeLimits(Math.max(64, streams / 8), Math.max(64, streams / 8), memory / 16),
				new ScopeLimits(streams / 2, streams / 2, memory / 2),
				new ScopeLimits(Math.min(streams, 512), Math.min(streams, 1024), memory / 8),
				new ScopeLimits(Math.min(streams, 512), Math.min(streams, 1024), memory / 16),
				new ScopeLimits(1, 1, Math.min(16 * MIB, memory / 16)), Allowlist.NONE);
	}

	/**
	 * Returns half the file descriptors this process may open, as go reserves half of the
	 * limit for libp2p: the application needs the rest for its files, its database and
	 * its HTTP clients.
	 * @return the share, 4 096 where the limit cannot be read
	 */
	private static int halfTheProcessLimit() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
			return (int) Math.max(64, Math.min(Integer.MAX_VALUE, unix.getMaxFileDescriptorCount() / 2));
		}
		return 4096;
	}

	/**
	 * Returns these limits with another allowlist.
	 * @param allowlist the peers and networks exempt from the limits
	 * @return the new limits
	 */
	public ResourceLimits withAllowlist(Allowlist allowlist) {
		return new ResourceLimits(this.system, this.negotiating, this.protocol, this.peer, this.connection, this.stream,
				allowlist);
	}

	/**
	 * Returns these limits with another number of sockets.
	 * @param sockets sockets the node may hold at once
	 * @return the new limits
	 */
	public ResourceLimits withFileDescriptors(int sockets) {
		ScopeLimits system = new ScopeLimits(this.system.streamsInbound, this.system.streamsOutbound,
				this.system.memory, sockets);
		return new ResourceLimits(system, this.negotiating, this.protocol, this.peer, this.connection, this.stream,
				this.allowlist);
	}

	/**
	 * Returns how many sockets the node may hold at once.
	 * @return the system scope's file descriptors
	 */
	public int fileDescriptors() {
		return this.system.fileDescriptors;
	}

	/**
	 * What one scope may hold.
	 *
	 * @param streamsInbound streams the peer opened
	 * @param streamsOutbound streams this node opened
	 * @param memory bytes of buffers and windows
	 * @param fileDescriptors sockets; only the system scope is charged for them
	 */
	public record ScopeLimits(int streamsInbound, int streamsOutbound, long memory, int fileDescriptors) {

		public ScopeLimits {
			if (streamsInbound < 1 || streamsOutbound < 1 || memory < 1 || fileDescriptors < 1) {
				throw new IllegalArgumentException("scope limits must be positive, not " + streamsInbound + ", "
						+ streamsOutbound + ", " + memory + " and " + fileDescriptors);
			}
		}

		/**
		 * Limits for a scope that is not charged for sockets.
		 * @param streamsInbound streams the peer opened
		 * @param streamsOutbound streams this node opened
		 * @param memory bytes of buffers and windows
		 */
		public ScopeLimits(int streamsInbound, int streamsOutbound, long memory) {
			this(streamsInbound, streamsOutbound, memory, Integer.MAX_VALUE);
		}

		long of(Resource resource) {
			return switch (resource) {
				case STREAMS_INBOUND -> this.streamsInbound;
				case STREAMS_OUTBOUND -> this.streamsOutbound;
				case MEMORY -> this.memory;
				case FILE_DESCRIPTORS -> this.fileDescriptors;
			};
		}

	}

	/**
	 * Peers and networks trusted with unlimited resources, as go's allowlist: their
	 * streams and memory are counted but never refused.
	 *
	 * @param peers trusted peers
	 * @param networks trusted networks, matched against a connection's remote address
	 */
	public record Allowlist(Set<PeerId> peers, List<Cidr> networks) {

		/** Nobody. */
		public static final Allowlist NONE = new Allowlist(Set.of(), List.of());

		public Allowlist {
			peers = Set.copyOf(peers);
			networks = List.copyOf(networks);
		}

		/**
		 * Returns whether a connection is trusted.
		 * @param peer its peer
		 * @param remote its remote address
		 * @return {@code true} if the peer or the address is on the list
		 */
		public boolean allows(PeerId peer, Multiaddr remote) {
			return this.peers.contains(peer) || this.networks.stream().anyMatch((network) -> network.contains(remote));
		}

	}

}
