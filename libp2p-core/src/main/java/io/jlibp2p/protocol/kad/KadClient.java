package io.jlibp2p.protocol.kad;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.channel.ChannelFuture;

import io.jlibp2p.internal.proto.KadProto;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.time.Scheduler;

/**
 * The DHT's client side: one request on a stream of its own, with one timeout from
 * dialing to the answer. The stream closes once the request is settled, whichever way.
 */
final class KadClient {

	private final KadConfig config;

	private final Swarm swarm;

	private final AtomicLong malformed;

	KadClient(KadConfig config, Swarm swarm, AtomicLong malformed) {
		this.config = config;
		this.swarm = swarm;
		this.malformed = malformed;
	}

	/**
	 * Sends one request to a peer and waits for its answer. Called on the swarm's thread.
	 * @param peer the peer, with addresses to dial if not connected
	 * @param request the request
	 * @return the checked answer, or the request itself for ADD_PROVIDER, which nobody
	 * answers
	 */
	CompletableFuture<KadProto.Message> request(KadPeer peer, KadProto.Message request) {
		if (!peer.addresses().isEmpty()) {
			this.swarm.peerStore().addAddresses(peer.id(), peer.addresses(), this.config.lifetimes().record());
		}
		CompletableFuture<KadProto.Message> answer = new CompletableFuture<>();
		this.swarm.dial(peer.id())
			.thenCompose((connection) -> connection.newStream(List.of(this.config.protocolId()),
					(c, stream) -> KadStream.install(stream, this.config.limits().maxMessageSize(), 0,
							(bytes) -> settle(answer, bytes),
							() -> answer.completeExceptionally(
									new KadException("the peer ended the stream without an answer")))))
			.whenComplete((stream, failure) -> {
				if (failure != null) {
					answer.completeExceptionally(failure);
					return;
				}
				answer.whenComplete((settled, error) -> stream.close());
				stream.closeFuture()
					.addListener((closed) -> answer
						.completeExceptionally(new KadException("the stream closed without an answer")));
				ChannelFuture written = KadStream.write(stream, request.toByteArray());
				if (request.getType() == KadProto.Message.MessageType.ADD_PROVIDER) {
					// Nobody answers ADD_PROVIDER: written is done, and settling closes
					// the stream. (Settled only once our FIN was out, the peer's own FIN
					// could come first and fail the request.)
					written.addListener((done) -> {
						if (done.isSuccess()) {
							answer.complete(request);
						}
					});
				}
			});
		Scheduler.Cancellable timeout = this.swarm.scheduler()
			.schedule(
					() -> answer.completeExceptionally(new KadException(
							"no answer within " + this.config.timeouts().request().toMillis() + " ms")),
					this.config.timeouts().request());
		answer.whenComplete((settled, failure) -> this.swarm.execute(timeout::cancel));
		return answer;
	}

	private void settle(CompletableFuture<KadProto.Message> answer, byte[] bytes) {
		try {
			answer.complete(KadMessages.decode(bytes, this.config.k(), this.config.limits().maxRecordSize()));
		}
		catch (KadException ex) {
			this.malformed.incrementAndGet();
			answer.completeExceptionally(ex);
		}
	}

}
