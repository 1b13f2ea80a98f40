package io.jlibp2p.spring.autoconfigure;

import io.jlibp2p.peer.PeerId;

/**
 * A peer was put on the gater's block list, or taken off it, at run time.
 *
 * @param peer the peer
 * @param blocked {@code true} when it was blocked, {@code false} when unblocked
 */
public record PeerBlockedEvent(PeerId peer, boolean blocked) {
}
