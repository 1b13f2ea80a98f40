package io.jlibp2p.protocol.mdns;

import java.util.List;

import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.peer.PeerId;

/**
 * What mDNS learned about a peer on the link.
 */
public sealed interface MdnsEvent {

	/**
	 * Returns the peer.
	 * @return its PeerId
	 */
	PeerId peer();

	/**
	 * A peer answered for the first time, or again after it had expired.
	 *
	 * @param peer the peer
	 * @param addresses its announced addresses, with {@code /p2p/}
	 */
	record Discovered(PeerId peer, List<Multiaddr> addresses) implements MdnsEvent {

		public Discovered {
			addresses = List.copyOf(addresses);
		}

	}

	/**
	 * A peer's answer outlived its time to live.
	 *
	 * @param peer the peer
	 */
	record Expired(PeerId peer) implements MdnsEvent {
	}

}
