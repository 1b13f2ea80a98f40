package io.jlibp2p.protocol.pubsub;

import io.jlibp2p.crypto.PublicKey;
import io.jlibp2p.peer.PeerId;

/**
 * Who wrote a signed message, checked against its signature.
 *
 * @param peer the author's PeerId, the {@code from} field
 * @param key the author's public key, from the PeerId or the {@code key} field
 * @param sequenceNumber the author's sequence number, the {@code seqno} field
 */
public record Author(PeerId peer, PublicKey key, long sequenceNumber) {

}
