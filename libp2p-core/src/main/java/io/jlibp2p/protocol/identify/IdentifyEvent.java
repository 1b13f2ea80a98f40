package io.jlibp2p.protocol.identify;

import io.jlibp2p.peer.PeerId;

/**
 * A peer identified itself, on request or by push.
 *
 * @param peer the peer
 * @param info what it said
 * @param pushed whether it pushed the update
 */
public record IdentifyEvent(PeerId peer, IdentifyInfo info, boolean pushed) {
}
