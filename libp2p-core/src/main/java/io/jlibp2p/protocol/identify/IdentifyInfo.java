package io.jlibp2p.protocol.identify;

import java.util.List;

import org.jspecify.annotations.Nullable;

import io.jlibp2p.crypto.PublicKey;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.peer.SignedPeerRecord;

/**
 * What a peer said about itself in identify. Fields it left out are {@code null} or
 * empty.
 *
 * @param publicKey its identity key
 * @param protocolVersion the protocol family it speaks, such as {@code ipfs/0.1.0}
 * @param agentVersion its implementation and version
 * @param listenAddresses where it listens (from the signed record when one came and
 * verified)
 * @param observedAddress the address it sees this node at
 * @param protocols the protocols it serves
 * @param signedPeerRecord its verified signed peer record, if it sent one
 */
public record IdentifyInfo(@Nullable PublicKey publicKey, @Nullable String protocolVersion,
		@Nullable String agentVersion, List<Multiaddr> listenAddresses, @Nullable Multiaddr observedAddress,
		List<String> protocols, @Nullable SignedPeerRecord signedPeerRecord) {

	public IdentifyInfo {
		listenAddresses = List.copyOf(listenAddresses);
		protocols = List.copyOf(protocols);
	}

}
