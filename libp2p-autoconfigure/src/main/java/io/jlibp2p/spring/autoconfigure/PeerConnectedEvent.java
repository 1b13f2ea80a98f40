package io.jlibp2p.spring.autoconfigure;

import io.jlibp2p.peer.PeerId;
import io.jlibp2p.transport.Connection;

/**
 * A connection to a peer was established. Published as a Spring application event on the
 * swarm's own thread, never on a network event loop.
 *
 * @param peer the peer
 * @param connection the connection
 */
public record PeerConnectedEvent(PeerId peer, Connection connection) {
}
