package io.jlibp2p.protocol.kad;

import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.ByteString;

import io.jlibp2p.internal.proto.KadProto;
import io.jlibp2p.multiformats.Cidr;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.multiformats.MultiformatException;

/**
 * Which peer addresses a DHT passes on, as go splits its DHT into a WAN and a LAN one:
 * applied to the closer and provider peers of every answer this node receives (before it
 * stores or dials them) and of every answer it gives. Unspecified addresses
 * ({@code 0.0.0.0}, {@code ::}) are dropped in every mode; names ({@code /dns…}) are
 * kept.
 */
public enum AddressFilter {

	/** Every address: one private network, or a DHT whose peers share a LAN. */
	ALL,

	/**
	 * Public addresses only, for a DHT on the internet (go's WAN DHT): loopback, private,
	 * link-local and unique local addresses mean nothing to a peer elsewhere, and dialing
	 * them probes the dialer's own network.
	 */
	PUBLIC,

	/** Non-public addresses only, for a DHT of one site (go's LAN DHT). */
	PRIVATE;

	private static final List<Cidr> UNSPECIFIED = List.of(Cidr.parse("0.0.0.0/8"), Cidr.parse("::/128"));

	/**
	 * Keeps the addresses this filter passes.
	 * @param addresses the addresses
	 * @return those passed, in order
	 */
	public List<Multiaddr> apply(List<Multiaddr> addresses) {
		return addresses.stream().filter(this::passes).toList();
	}

	/**
	 * Returns whether this filter passes an address.
	 * @param address the address
	 * @return {@code false} for an unspecified address and for one of the wrong reach
	 */
	public boolean passes(Multiaddr address) {
		byte[] ip = Cidr.ip(address).orElse(null);
		if (ip == null) {
			return true;
		}
		if (Cidr.inAny(UNSPECIFIED, ip)) {
			return false;
		}
		return switch (this) {
			case ALL -> true;
			case PUBLIC -> Cidr.isPublic(ip);
			case PRIVATE -> !Cidr.isPublic(ip);
		};
	}

	/**
	 * Filters the peers of a received answer.
	 * @param answer an answer that {@link KadMessages#decode} accepted
	 * @return the answer with only the addresses this filter passes
	 */
	KadProto.Message apply(KadProto.Message answer) {
		if (answer.getCloserPeersCount() == 0 && answer.getProviderPeersCount() == 0) {
			return answer;
		}
		KadProto.Message.Builder filtered = answer.toBuilder().clearCloserPeers().clearProviderPeers();
		answer.getCloserPeersList().forEach((peer) -> filtered.addCloserPeers(apply(peer)));
		answer.getProviderPeersList().forEach((peer) -> filtered.addProviderPeers(apply(peer)));
		return filtered.build();
	}

	private KadProto.Message.Peer apply(KadProto.Message.Peer peer) {
		List<ByteString> kept = new ArrayList<>(peer.getAddrsCount());
		for (ByteString address : peer.getAddrsList()) {
			try {
				if (passes(Multiaddr.fromBytes(address.toByteArray()))) {
					kept.add(address);
				}
			}
			catch (MultiformatException ex) {
				// decode read every address already; an unreadable one is dropped
			}
		}
		return peer.toBuilder().clearAddrs().addAllAddrs(kept).build();
	}

}
