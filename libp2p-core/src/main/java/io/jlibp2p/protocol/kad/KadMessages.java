package io.jlibp2p.protocol.kad;

import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import io.jlibp2p.internal.proto.KadProto;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.multiformats.MultiformatException;
import io.jlibp2p.peer.PeerId;

/**
 * Reads Kademlia messages with limits: a peer list longer than {@code k}, a peer with
 * more than {@link #MAX_ADDRESSES} addresses or an unreadable id, or a key or record over
 * their limits makes the whole message invalid, so nothing of a sybil's answer is stored.
 */
public final class KadMessages {

	/** Addresses accepted per peer in a message. */
	public static final int MAX_ADDRESSES = 32;

	/** Bytes accepted in a key. */
	public static final int MAX_KEY_LENGTH = 1024;

	private KadMessages() {
	}

	/**
	 * Parses and checks a message.
	 * @param bytes the message
	 * @param k the most peers a list may hold
	 * @param maxRecordSize the most bytes a record value may hold
	 * @return the message
	 * @throws KadException naming what is wrong
	 */
	public static KadProto.Message decode(byte[] bytes, int k, int maxRecordSize) {
		KadProto.Message message;
		try {
			message = KadProto.Message.parseFrom(bytes);
		}
		catch (InvalidProtocolBufferException ex) {
			throw new KadException("malformed kad message: " + ex.getMessage());
		}
		if (message.getKey().size() > MAX_KEY_LENGTH) {
			throw new KadException("a key of " + message.getKey().size() + " bytes, limit " + MAX_KEY_LENGTH);
		}
		if (message.getCloserPeersCount() > k || message.getProviderPeersCount() > k) {
			throw new KadException("more than " + k + " peers in one answer");
		}
		if (message.hasRecord() && (message.getRecord().getValue().size() > maxRecordSize
				|| message.getRecord().getKey().size() > MAX_KEY_LENGTH)) {
			throw new KadException("a record over the limit of " + maxRecordSize + " bytes");
		}
		peers(message.getCloserPeersList());
		peers(message.getProviderPeersList());
		return message;
	}

	/**
	 * Reads the peers of a message.
	 * @param peers the wire peers
	 * @return their ids and addresses
	 * @throws KadException if a peer id or address is unreadable or there are too many
	 */
	public static List<KadPeer> peers(List<KadProto.Message.Peer> peers) {
		List<KadPeer> read = new ArrayList<>(peers.size());
		for (KadProto.Message.Peer peer : peers) {
			if (peer.getAddrsCount() > MAX_ADDRESSES) {
				throw new KadException("a peer with " + peer.getAddrsCount() + " addresses, limit " + MAX_ADDRESSES);
			}
			try {
				PeerId id = PeerId.fromBytes(peer.getId().toByteArray());
				List<Multiaddr> addresses = new ArrayList<>(peer.getAddrsCount());
				for (ByteString address : peer.getAddrsList()) {
					addresses.add(Multiaddr.fromBytes(address.toByteArray()).withoutPeerId());
				}
				read.add(new KadPeer(id, addresses));
			}
			catch (MultiformatException ex) {
				throw new KadException("an unreadable peer: " + ex.getMessage());
			}
		}
		return read;
	}

	/**
	 * Writes a peer for a message.
	 * @param peer the peer
	 * @return the wire peer, addresses without {@code /p2p/}
	 */
	public static KadProto.Message.Peer peer(KadPeer peer) {
		KadProto.Message.Peer.Builder wire = KadProto.Message.Peer.newBuilder()
			.setId(ByteString.copyFrom(peer.id().toBytes()));
		peer.addresses()
			.stream()
			.limit(MAX_ADDRESSES)
			.forEach((address) -> wire.addAddrs(ByteString.copyFrom(address.withoutPeerId().toBytes())));
		return wire.build();
	}

}
