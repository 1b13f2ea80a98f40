package io.jlibp2p.protocol.pubsub;

import java.time.Duration;
import java.util.List;

import com.google.protobuf.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jlibp2p.internal.proto.PubsubProto;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.peer.SignedPeerRecord;

/**
 * Gossipsub v1.1 peer exchange: the peers a PRUNE carries, and following the ones a PRUNE
 * brings. A peer travels with its signed peer record when identify brought one, which
 * lets the receiver dial it without trusting the sender about its addresses.
 */
final class PeerExchange {

	private static final Logger logger = LoggerFactory.getLogger(PeerExchange.class);

	/** How long addresses from an exchanged record are kept. */
	private static final Duration ADDRESS_TTL = Duration.ofMinutes(10);

	private final PubsubView view;

	private final RouterActions actions;

	private final int limit;

	PeerExchange(PubsubView view, RouterActions actions, int limit) {
		this.view = view;
		this.actions = actions;
		this.limit = limit;
	}

	/**
	 * Describes peers for a PRUNE.
	 * @param prune the PRUNE
	 * @param peers the peers to offer
	 */
	void offer(PubsubProto.ControlPrune.Builder prune, List<PubsubPeer> peers) {
		for (PubsubPeer peer : peers) {
			PubsubProto.PeerInfo.Builder info = PubsubProto.PeerInfo.newBuilder()
				.setPeerID(ByteString.copyFrom(peer.id().toBytes()));
			this.view.signedPeerRecord(peer.id())
				.ifPresent((record) -> info.setSignedPeerRecord(ByteString.copyFrom(record.envelope())));
			prune.addPeers(info);
		}
	}

	/**
	 * Connects to the peers a PRUNE brought, at most as many as this node offers.
	 * @param peers the peers
	 */
	void follow(List<PubsubProto.PeerInfo> peers) {
		peers.stream().limit(this.limit).forEach(this::follow);
	}

	private void follow(PubsubProto.PeerInfo info) {
		try {
			PeerId peer = PeerId.fromBytes(info.getPeerID().toByteArray());
			if (this.view.peer(peer) != null || peer.equals(this.view.localPeer())) {
				return;
			}
			SignedPeerRecord signed = null;
			if (info.hasSignedPeerRecord()) {
				signed = SignedPeerRecord.open(info.getSignedPeerRecord().toByteArray());
				if (!signed.record().peerId().equals(peer)) {
					return;
				}
			}
			this.actions.dial(peer, signed, ADDRESS_TTL);
		}
		catch (RuntimeException ex) {
			logger.debug("ignoring an exchanged peer: {}", ex.getMessage());
		}
	}

}
