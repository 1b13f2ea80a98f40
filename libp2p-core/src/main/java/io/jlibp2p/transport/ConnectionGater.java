package io.jlibp2p.transport;

import java.util.List;

import org.jspecify.annotations.Nullable;

import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.peer.PeerId;

/**
 * Decides which connections a swarm makes and takes, at five checkpoints (go-libp2p's
 * {@code ConnectionGater}): before dialing a peer, before dialing one of its addresses,
 * on accepting a raw connection (by remote address, before any handshake), after the
 * security handshake (by PeerId) and after the upgrade. Each answer is {@code true} to go
 * on; a refusal closes or fails the connection, is counted by checkpoint
 * ({@link NetworkMetrics#gaterRefusals}) and logged at debug at most. Called from event
 * loops and callers' threads: implementations are thread-safe and quick.
 */
public interface ConnectionGater {

	/** Lets every connection through. */
	ConnectionGater ALLOW_ALL = new ConnectionGater() {
	};

	/**
	 * Asked before dialing a peer, by PeerId.
	 * @param peer the peer
	 * @return whether to dial it
	 */
	default boolean allowPeerDial(PeerId peer) {
		return true;
	}

	/**
	 * Asked before dialing an address.
	 * @param peer the peer expected there, {@code null} if the address names none
	 * @param address the address, without {@code /p2p/}
	 * @return whether to dial it
	 */
	default boolean allowAddressDial(@Nullable PeerId peer, Multiaddr address) {
		return true;
	}

	/**
	 * Asked when a listener accepts a connection, before any byte is read.
	 * @param remoteAddress where it comes from
	 * @return whether to take it
	 */
	default boolean allowAccept(Multiaddr remoteAddress) {
		return true;
	}

	/**
	 * Asked once the security handshake proved the peer's identity.
	 * @param peer the peer
	 * @param direction whether this side dialed
	 * @param remoteAddress the remote address
	 * @return whether to go on
	 */
	default boolean allowSecured(PeerId peer, Direction direction, Multiaddr remoteAddress) {
		return true;
	}

	/**
	 * Asked once the connection is upgraded, before it joins the swarm.
	 * @param connection the connection
	 * @return whether to keep it
	 */
	default boolean allowUpgraded(Connection connection) {
		return true;
	}

	/**
	 * Combines gaters: a connection goes on only if every one lets it.
	 * @param gaters the gaters, asked in order
	 * @return the combination
	 */
	static ConnectionGater all(List<? extends ConnectionGater> gaters) {
		List<ConnectionGater> all = List.copyOf(gaters);
		if (all.size() == 1) {
			return all.get(0);
		}
		return new ConnectionGater() {

			@Override
			public boolean allowPeerDial(PeerId peer) {
				return all.stream().allMatch((gater) -> gater.allowPeerDial(peer));
			}

			@Override
			public boolean allowAddressDial(@Nullable PeerId peer, Multiaddr address) {
				return all.stream().allMatch((gater) -> gater.allowAddressDial(peer, address));
			}

			@Override
			public boolean allowAccept(Multiaddr remoteAddress) {
				return all.stream().allMatch((gater) -> gater.allowAccept(remoteAddress));
			}

			@Override
			public boolean allowSecured(PeerId peer, Direction direction, Multiaddr remoteAddress) {
				return all.stream().allMatch((gater) -> gater.allowSecured(peer, direction, remoteAddress));
			}

			@Override
			public boolean allowUpgraded(Connection connection) {
				return all.stream().allMatch((gater) -> gater.allowUpgraded(connection));
			}

		};
	}

	/** Where a gater is asked. */
	enum Checkpoint {

		/** Before dialing a peer. */
		PEER_DIAL,

		/** Before dialing an address. */
		ADDRESS_DIAL,

		/** On accepting a raw connection. */
		ACCEPT,

		/** After the security handshake. */
		SECURED,

		/** After the upgrade. */
		UPGRADED

	}

}
