/**
 * Peer identities and what peers sign about themselves: {@link io.jlibp2p.peer.PeerId},
 * {@link io.jlibp2p.peer.Envelope} (RFC 0002) and {@link io.jlibp2p.peer.PeerRecord} (RFC
 * 0003).
 */
@NullMarked
package io.jlibp2p.peer;

import org.jspecify.annotations.NullMarked;
