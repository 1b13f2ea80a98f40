package io.jlibp2p.spring.autoconfigure;

import io.jlibp2p.codec.CloseReason;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.transport.Connection;

/**
 * A connection to a peer closed. Published as a Spring application event on the swarm's
 * own thread.
 *
 * @param peer the peer
 * @param connection the closed connection
 * @param reason why it closed
 */
public record PeerDisconnectedEvent(PeerId peer, Connection connection, CloseReason reason) {
}
