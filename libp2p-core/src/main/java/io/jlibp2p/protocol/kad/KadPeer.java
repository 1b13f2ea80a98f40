package io.jlibp2p.protocol.kad;

import java.util.List;

import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.peer.PeerId;

/**
 * A peer as a DHT message names it.
 *
 * @param id its PeerId
 * @param addresses its addresses, without {@code /p2p/}
 */
public record KadPeer(PeerId id, List<Multiaddr> addresses) {

	public KadPeer {
		addresses = List.copyOf(addresses);
	}

}
