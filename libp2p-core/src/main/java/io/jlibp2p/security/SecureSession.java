package io.jlibp2p.security;

import io.jlibp2p.crypto.PublicKey;
import io.jlibp2p.peer.PeerId;

/**
 * The result of a security handshake: who is on the other end, proven by their key.
 *
 * @param protocol the security protocol id, such as {@code /noise}
 * @param localPeer this node
 * @param remotePeer the authenticated remote peer
 * @param remoteKey the remote peer's identity key
 */
public record SecureSession(String protocol, PeerId localPeer, PeerId remotePeer, PublicKey remoteKey) {

}
