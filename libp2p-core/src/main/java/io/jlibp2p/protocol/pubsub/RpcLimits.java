package io.jlibp2p.protocol.pubsub;

import org.jspecify.annotations.Nullable;

import io.jlibp2p.internal.proto.PubsubProto;

/**
 * Bounds on the repeated fields of a received RPC, checked before any of it is acted on:
 * the RPC's size is already bounded by the frame decoder, these keep one small RPC from
 * asking for unbounded work.
 */
final class RpcLimits {

	private static final int MAX_PEERS_PER_PRUNE = 64;

	private RpcLimits() {
	}

	/**
	 * Checks an RPC.
	 * @param rpc the RPC
	 * @param config the limits
	 * @return what is over a limit, or {@code null}
	 */
	static @Nullable String violation(PubsubProto.RPC rpc, PubsubConfig config) {
		int topics = config.limits().maxTopicsPerRpc();
		int ids = config.limits().maxIdsPerControl();
		if (rpc.getSubscriptionsCount() > topics) {
			return rpc.getSubscriptionsCount() + " subscriptions in one RPC, limit " + topics;
		}
		if (rpc.getPublishCount() > config.limits().maxMessagesPerRpc()) {
			return rpc.getPublishCount() + " messages in one RPC, limit " + config.limits().maxMessagesPerRpc();
		}
		if (!rpc.hasControl()) {
			return null;
		}
		PubsubProto.ControlMessage control = rpc.getControl();
		if (control.getIhaveCount() > topics || control.getIwantCount() > topics || control.getGraftCount() > topics
				|| control.getPruneCount() > topics || control.getIdontwantCount() > topics) {
			return "more than " + topics + " control entries of one kind";
		}
		int advertised = 0;
		for (PubsubProto.ControlIHave ihave : control.getIhaveList()) {
			advertised += ihave.getMessageIDsCount();
		}
		int wanted = 0;
		for (PubsubProto.ControlIWant iwant : control.getIwantList()) {
			wanted += iwant.getMessageIDsCount();
		}
		int unwanted = 0;
		for (PubsubProto.ControlIDontWant idontwant : control.getIdontwantList()) {
			unwanted += idontwant.getMessageIDsCount();
		}
		if (advertised > ids || wanted > ids || unwanted > ids) {
			return "more than " + ids + " message ids in IHAVE, IWANT or IDONTWANT";
		}
		for (PubsubProto.ControlPrune prune : control.getPruneList()) {
			if (prune.getPeersCount() > MAX_PEERS_PER_PRUNE) {
				return prune.getPeersCount() + " peers in one PRUNE, limit " + MAX_PEERS_PER_PRUNE;
			}
		}
		return null;
	}

}
