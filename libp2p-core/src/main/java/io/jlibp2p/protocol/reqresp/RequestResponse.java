package io.jlibp2p.protocol.reqresp;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import io.jlibp2p.codec.UvarintFrameDecoder;
import io.jlibp2p.codec.Uvarints;
import io.jlibp2p.multistream.UnsupportedProtocolException;
import io.jlibp2p.muxer.StreamChannel;
import io.jlibp2p.muxer.StreamFailedEvent;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.protocol.reqresp.RequestResponseException.Reason;
import io.jlibp2p.protocol.reqresp.RequestResponseMetrics.Direction;
import io.jlibp2p.protocol.reqresp.RequestResponseMetrics.Outcome;
import io.jlibp2p.swarm.NetworkBehaviour;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.time.Scheduler;
import io.jlibp2p.transport.Connection;
import io.jlibp2p.transport.StreamHandler;

/**
 * The application's request-response protocols, as rust-libp2p's {@code request_response}
 * behaviour: each request goes on a stream of its own as one length-prefixed frame and
 * the requester half-closes; the answer comes back the same way and the stream closes.
 * Frames are bounded in size; one timeout covers each exchange on both sides; one peer
 * may have only so many requests in progress each way per protocol; every request is
 * counted by protocol, direction and outcome. Protocols are served from {@link #serve}
 * on, also while the swarm runs.
 */
public final class RequestResponse implements NetworkBehaviour {

	private final RequestResponseConfig config;

	private final Map<String, RequestHandler> served = new ConcurrentHashMap<>();

	private final Map<PeerProtocol, AtomicInteger> inbound = new ConcurrentHashMap<>();

	private final Map<PeerProtocol, AtomicInteger> outbound = new ConcurrentHashMap<>();

	private final RequestResponseMetrics metrics = new RequestResponseMetrics();

	private volatile @Nullable Swarm swarm;

	/**
	 * Creates the behaviour.
	 * @param config the limits
	 */
	public RequestResponse(RequestResponseConfig config) {
		this.config = config;
	}

	@Override
	public void attached(Swarm swarm) {
		this.served.forEach((protocol, handler) -> swarm.handle(protocol, streamHandler(protocol, handler)));
		this.swarm = swarm;
	}

	@Override
	public void detached() {
		this.swarm = null;
	}

	/** None of its own: each {@link #serve}d protocol is handled by the swarm. */
	@Override
	public Map<String, StreamHandler> protocols() {
		return Map.of();
	}

	/**
	 * Serves a protocol: its requests go to the handler.
	 * @param protocol the protocol id
	 * @param handler answers its requests
	 */
	public void serve(String protocol, RequestHandler handler) {
		this.served.put(protocol, handler);
		Swarm attached = this.swarm;
		if (attached != null) {
			attached.handle(protocol, streamHandler(protocol, handler));
		}
	}

	/**
	 * Stops serving a protocol.
	 * @param protocol the protocol id
	 */
	public void stopServing(String protocol) {
		if (this.served.remove(protocol) != null) {
			Swarm attached = this.swarm;
			if (attached != null) {
				attached.unhandle(protocol);
			}
		}
	}

	/**
	 * Returns the counts of requests.
	 * @return the metrics
	 */
	public RequestResponseMetrics metrics() {
		return this.metrics;
	}

	private StreamHandler streamHandler(String protocol, RequestHandler handler) {
		return (connection, stream) -> {
			PeerProtocol key = new PeerProtocol(connection.remotePeer(), protocol);
			if (!take(this.inbound, key, this.config.maxInboundPerPeer())) {
				this.metrics.record(protocol, Direction.INBOUND, Outcome.TOO_MANY_REQUESTS);
				stream.fail(StreamFailedEvent.Cause.LIMIT,
						this.config.maxInboundPerPeer() + " requests of this peer in progress");
				return;
			}
			stream.closeFuture().addListener((closed) -> give(this.inbound, key));
			stream.pipeline()
				.addLast(new UvarintFrameDecoder(this.config.maxRequestSize()))
				.addLast(new InboundRequest(connection.remotePeer(), handler, this.config,
						(outcome) -> this.metrics.record(protocol, Direction.INBOUND, outcome)));
		};
	}

	/**
	 * Sends a request and waits for the response.
	 * @param peer the peer, connected or with addresses in the peer store
	 * @param protocol the protocol id
	 * @param request the request's bytes
	 * @return the response's bytes; fails with {@link RequestResponseException}, whose
	 * reason says why
	 */
	public CompletableFuture<byte[]> request(PeerId peer, String protocol, byte[] request) {
		Swarm attached = this.swarm;
		if (attached == null) {
			throw new IllegalStateException("request-response is not attached to a swarm");
		}
		if (request.length > this.config.maxRequestSize()) {
			return failed(protocol, new RequestResponseException(Reason.REQUEST_TOO_LARGE,
					"a request of " + request.length + " bytes exceeds the limit of " + this.config.maxRequestSize()));
		}
		PeerProtocol key = new PeerProtocol(peer, protocol);
		if (!take(this.outbound, key, this.config.maxOutboundPerPeer())) {
			return failed(protocol, new RequestResponseException(Reason.TOO_MANY_REQUESTS,
					this.config.maxOutboundPerPeer() + " requests to " + peer + " in progress"));
		}
		CompletableFuture<byte[]> response = new CompletableFuture<>();
		Scheduler.Cancellable timer = attached.scheduler()
			.schedule(() -> response.completeExceptionally(new RequestResponseException(Reason.TIMEOUT,
					"no response from " + peer + " within " + this.config.timeout())), this.config.timeout());
		response.whenComplete((bytes, failure) -> {
			timer.cancel();
			give(this.outbound, key);
			if (failure == null) {
				this.metrics.record(protocol, Direction.OUTBOUND, Outcome.SUCCESS);
			}
			else if (failure instanceof RequestResponseException failed) {
				this.metrics.record(protocol, Direction.OUTBOUND, Outcome.valueOf(failed.reason().name()));
			}
			// else the caller cancelled it: not an outcome of the exchange
		});
		attached.dial(peer).whenComplete((connection, failure) -> {
			if (failure != null) {
				response.completeExceptionally(new RequestResponseException(Reason.DIAL_FAILURE,
						"could not reach " + peer + ": " + failure.getMessage(), failure));
			}
			else {
				send(connection, protocol, request, response);
			}
		});
		return response;
	}

	private void send(Connection connection, String protocol, byte[] request, CompletableFuture<byte[]> response) {
		connection
			.newStream(List.of(protocol),
					(c, stream) -> stream.pipeline()
						.addLast(new UvarintFrameDecoder(this.config.maxResponseSize()))
						.addLast(new OutboundRequest(response)))
			.whenComplete((stream, failure) -> {
				if (failure != null) {
					Throwable cause = (failure.getCause() != null) ? failure.getCause() : failure;
					response.completeExceptionally((cause instanceof UnsupportedProtocolException)
							? new RequestResponseException(Reason.UNSUPPORTED_PROTOCOL, cause.getMessage(), cause)
							: new RequestResponseException(Reason.REMOTE_FAILURE,
									"could not open a stream: " + cause.getMessage(), cause));
					return;
				}
				// Settled either way, the stream goes: a late response or a timed-out
				// request must not hold it.
				response.whenComplete((bytes, error) -> close(stream, error == null));
				stream.writeAndFlush(Uvarints.frame(request));
				stream.shutdownOutput();
			});
	}

	private static void close(StreamChannel stream, boolean answered) {
		if (answered) {
			stream.close();
		}
		else {
			stream.reset();
		}
	}

	private CompletableFuture<byte[]> failed(String protocol, RequestResponseException failure) {
		this.metrics.record(protocol, Direction.OUTBOUND, Outcome.valueOf(failure.reason().name()));
		return CompletableFuture.failedFuture(failure);
	}

	private static boolean take(Map<PeerProtocol, AtomicInteger> counts, PeerProtocol key, int limit) {
		boolean[] taken = new boolean[1];
		counts.compute(key, (k, count) -> {
			AtomicInteger current = (count != null) ? count : new AtomicInteger();
			taken[0] = current.get() < limit;
			if (taken[0]) {
				current.incrementAndGet();
			}
			return current;
		});
		return taken[0];
	}

	private static void give(Map<PeerProtocol, AtomicInteger> counts, PeerProtocol key) {
		counts.computeIfPresent(key, (k, count) -> (count.decrementAndGet() > 0) ? count : null);
	}

	private record PeerProtocol(PeerId peer, String protocol) {
	}

}
