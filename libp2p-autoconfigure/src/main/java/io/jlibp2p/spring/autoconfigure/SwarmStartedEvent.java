package io.jlibp2p.spring.autoconfigure;

import java.util.List;

import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.peer.PeerId;

/**
 * The auto-configured swarm listens: published once all listen addresses are bound, so
 * tests and applications can wait for it instead of polling.
 *
 * @param peerId this node
 * @param listenAddresses the bound addresses, each ending in {@code /p2p/<peerId>}
 */
public record SwarmStartedEvent(PeerId peerId, List<Multiaddr> listenAddresses) {
}
