package io.jlibp2p.protocol.ping;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import org.jspecify.annotations.Nullable;

import io.jlibp2p.muxer.StreamChannel;
import io.jlibp2p.muxer.StreamFailedEvent;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.swarm.NetworkBehaviour;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.transport.Connection;
import io.jlibp2p.transport.StreamHandler;

/**
 * The ping behaviour: answers pings, pings on request ({@link #ping(PeerId)}) and, with
 * an interval, pings every connection periodically, recording round trips in the peer
 * store and reporting {@link PingEvent}s. Ping never keeps a connection alive, as in
 * rust: its streams {@linkplain StreamChannel#ignoreForKeepAlive ignore keep-alive}, so a
 * connection that only pings (a peer holding a slot by pinging, or a periodic ping
 * between two otherwise idle nodes) closes after the idle timeout.
 */
public final class Ping implements NetworkBehaviour {

	private static final AttributeKey<AtomicInteger> INBOUND_STREAMS = AttributeKey.valueOf(Ping.class,
			"inboundStreams");

	private final PingConfig config;

	/** The ping stream of each connection; touched on the swarm's thread only. */
	private final Map<Connection, CompletableFuture<PingInitiator>> initiators = new HashMap<>();

	private final List<Consumer<PingEvent>> listeners = new CopyOnWriteArrayList<>();

	private @Nullable Swarm swarm;

	/**
	 * Creates the behaviour.
	 * @param config the settings
	 */
	public Ping(PingConfig config) {
		this.config = config;
	}

	/**
	 * Returns the settings.
	 * @return the configuration
	 */
	public PingConfig config() {
		return this.config;
	}

	@Override
	public Map<String, StreamHandler> protocols() {
		return Map.of(PingProtocol.ID, this::serve);
	}

	private void serve(Connection connection, StreamChannel stream) {
		Attribute<AtomicInteger> attribute = connection.channel().attr(INBOUND_STREAMS);
		attribute.setIfAbsent(new AtomicInteger());
		AtomicInteger counter = attribute.get();
		if (counter.incrementAndGet() > PingProtocol.MAX_INBOUND_STREAMS) {
			counter.decrementAndGet();
			stream.fail(StreamFailedEvent.Cause.LIMIT,
					"the peer already has " + PingProtocol.MAX_INBOUND_STREAMS + " inbound ping streams");
			return;
		}
		stream.closeFuture().addListener((closed) -> counter.decrementAndGet());
		stream.ignoreForKeepAlive();
		PingResponder.install(stream, this.config);
	}

	@Override
	public void attached(Swarm swarm) {
		this.swarm = swarm;
	}

	/**
	 * Registers a listener for periodic ping outcomes, called on the swarm's thread.
	 * @param listener the listener
	 */
	public void addListener(Consumer<PingEvent> listener) {
		this.listeners.add(listener);
	}

	/**
	 * Pings a peer over an existing connection, or dials it at its known addresses first.
	 * @param peer the peer
	 * @return the round-trip time
	 */
	public CompletableFuture<Duration> ping(PeerId peer) {
		Swarm swarm = this.swarm;
		if (swarm == null) {
			return CompletableFuture.failedFuture(new IllegalStateException("ping is not part of a swarm"));
		}
		return swarm.dial(peer).thenCompose(this::ping);
	}

	/**
	 * Pings over a given connection, reusing its ping stream.
	 * @param connection the connection
	 * @return the round-trip time
	 */
	public CompletableFuture<Duration> ping(Connection connection) {
		Swarm swarm = this.swarm;
		if (swarm == null) {
			return CompletableFuture.failedFuture(new IllegalStateException("ping is not part of a swarm"));
		}
		CompletableFuture<Duration> result = new CompletableFuture<>();
		swarm.execute(() -> initiator(swarm, connection).whenComplete((initiator, failure) -> {
			if (failure != null) {
				result.completeExceptionally(new PingException(
						"cannot open a ping stream to " + connection.remotePeer() + ": " + failure.getMessage(),
						failure));
				return;
			}
			connection.channel().eventLoop().execute(() -> initiator.ping(result));
		}));
		return result.whenComplete((rtt, failure) -> {
			if (rtt != null) {
				swarm.peerStore().recordLatency(connection.remotePeer(), rtt);
			}
		});
	}

	private CompletableFuture<PingInitiator> initiator(Swarm swarm, Connection connection) {
		CompletableFuture<PingInitiator> existing = this.initiators.get(connection);
		if (existing != null && !existing.isCompletedExceptionally()) {
			return existing;
		}
		PingInitiator initiator = new PingInitiator(this.config.timeout());
		CompletableFuture<PingInitiator> opened = connection.newStream(List.of(PingProtocol.ID), (c, stream) -> {
			stream.ignoreForKeepAlive();
			stream.pipeline().addLast(initiator);
		}).thenApply((stream) -> {
			// js aborts a reused ping stream after 10 s: forget it so the next ping
			// reopens.
			stream.closeFuture().addListener((closed) -> swarm.execute(() -> forget(connection, initiator)));
			return initiator;
		});
		this.initiators.put(connection, opened);
		return opened;
	}

	private void forget(Connection connection, PingInitiator initiator) {
		CompletableFuture<PingInitiator> current = this.initiators.get(connection);
		if (current != null && current.getNow(null) == initiator) {
			this.initiators.remove(connection);
		}
	}

	@Override
	public void connectionEstablished(Connection connection) {
		if (this.config.interval() != null) {
			schedulePeriodic(connection);
		}
	}

	private void schedulePeriodic(Connection connection) {
		Swarm swarm = this.swarm;
		Duration interval = this.config.interval();
		if (swarm == null || interval == null) {
			return;
		}
		swarm.schedule(() -> {
			if (!connection.isOpen()) {
				return;
			}
			ping(connection).whenComplete((rtt, failure) -> swarm.execute(() -> {
				PingEvent event = new PingEvent(connection.remotePeer(), rtt,
						(failure != null) ? failure.getMessage() : null);
				this.listeners.forEach((listener) -> listener.accept(event));
				schedulePeriodic(connection);
			}));
		}, interval);
	}

	@Override
	public void connectionClosed(Connection connection) {
		this.initiators.remove(connection);
	}

}
