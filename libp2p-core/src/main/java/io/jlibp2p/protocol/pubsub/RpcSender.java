package io.jlibp2p.protocol.pubsub;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jlibp2p.internal.proto.PubsubProto;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.peer.SignedPeerRecord;
import io.jlibp2p.protocol.pubsub.PubsubMetrics.Outcome;
import io.jlibp2p.swarm.Swarm;

/**
 * Pubsub's sending: carries out what a router decided, greets new peers with this node's
 * subscriptions and announces changes to them. A message that does not fit in a slow
 * peer's queue is dropped and counted; control always goes out. Used on the swarm's
 * thread only.
 */
final class RpcSender {

	private static final Logger logger = LoggerFactory.getLogger(RpcSender.class);

	private final PubsubState state;

	private final PubsubMetrics metrics;

	private final int maxQueuedBytesPerPeer;

	RpcSender(PubsubState state, PubsubConfig config, PubsubMetrics metrics) {
		this.state = state;
		this.metrics = metrics;
		this.maxQueuedBytesPerPeer = config.limits().maxQueuedBytesPerPeer();
	}

	/**
	 * Carries out a router's decisions in order.
	 * @param actions the decisions
	 * @return whether a mesh changed
	 */
	boolean carryOut(List<RouterAction> actions) {
		boolean meshChanged = false;
		for (RouterAction action : actions) {
			if (action instanceof RouterAction.Forward forward) {
				forward(forward);
			}
			else if (action instanceof RouterAction.QueueControl queued) {
				PubsubPeer peer = this.state.peer(queued.peer());
				if (peer != null) {
					peer.rpcs().queueControl(queued.control());
				}
			}
			else if (action instanceof RouterAction.FlushControl flush) {
				flushControl(flush.peer());
			}
			else if (action instanceof RouterAction.Dial dial) {
				dial(dial);
			}
			else if (action instanceof RouterAction.MeshChanged) {
				meshChanged = true;
			}
		}
		return meshChanged;
	}

	/**
	 * Tells a new peer every topic this node subscribes to.
	 * @param peer the peer
	 */
	void greet(PubsubPeer peer) {
		if (!this.state.subscriptions().isEmpty()) {
			PubsubProto.RPC.Builder hello = PubsubProto.RPC.newBuilder();
			this.state.subscriptions().forEach((topic) -> hello.addSubscriptions(subscription(topic, true)));
			send(peer, hello);
		}
	}

	/**
	 * Tells every peer that this node subscribed to a topic or left it.
	 * @param topic the topic
	 * @param subscribe whether it subscribed
	 */
	void announce(String topic, boolean subscribe) {
		PubsubProto.RPC rpc = PubsubProto.RPC.newBuilder().addSubscriptions(subscription(topic, subscribe)).build();
		this.state.peers().forEach((peer) -> send(peer, rpc.toBuilder()));
	}

	private static PubsubProto.RPC.SubOpts subscription(String topic, boolean subscribe) {
		return PubsubProto.RPC.SubOpts.newBuilder().setSubscribe(subscribe).setTopicid(topic).build();
	}

	private void flushControl(@Nullable PeerId only) {
		List<PubsubPeer> targets = new ArrayList<>();
		if (only != null) {
			PubsubPeer peer = this.state.peer(only);
			if (peer != null) {
				targets.add(peer);
			}
		}
		else {
			targets.addAll(this.state.peers());
		}
		for (PubsubPeer peer : targets) {
			if (peer.rpcs().hasControl()) {
				send(peer, PubsubProto.RPC.newBuilder());
			}
		}
	}

	private void dial(RouterAction.Dial dial) {
		Swarm swarm = this.state.swarm();
		SignedPeerRecord signed = dial.record();
		if (signed != null) {
			swarm.peerStore().addAddresses(dial.peer(), signed.record().addresses(), dial.addressTtl());
			swarm.peerStore().setSignedPeerRecord(signed);
		}
		swarm.dial(dial.peer()).exceptionally((failure) -> {
			logger.debug("could not connect to exchanged peer {}: {}", dial.peer(), failure.getMessage());
			return null;
		});
	}

	/** Encodes a message once, however many peers it goes to. */
	private void forward(RouterAction.Forward forward) {
		byte[] publish = null;
		for (PeerId target : forward.targets()) {
			PubsubPeer peer = this.state.peer(target);
			if (peer != null) {
				if (publish == null) {
					publish = PubsubProto.RPC.newBuilder().addPublish(forward.message()).build().toByteArray();
				}
				dropControlForFloodsub(peer);
				if (!peer.rpcs().forward(publish, this.maxQueuedBytesPerPeer)) {
					dropped(peer, 1);
				}
			}
		}
	}

	private void send(PubsubPeer peer, PubsubProto.RPC.Builder rpc) {
		dropControlForFloodsub(peer);
		if (!peer.rpcs().send(rpc, this.maxQueuedBytesPerPeer)) {
			dropped(peer, rpc.getPublishCount());
		}
	}

	private static void dropControlForFloodsub(PubsubPeer peer) {
		if (peer.speaks(Pubsub.FLOODSUB)) {
			// Floodsub has no control messages.
			peer.rpcs().dropControl();
		}
	}

	private void dropped(PubsubPeer peer, int messages) {
		logger.debug("dropped {} messages to slow peer {}", messages, peer);
		this.metrics.count(Outcome.DROPPED, messages);
	}

}
