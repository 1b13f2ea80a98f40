package io.jlibp2p.swarm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jlibp2p.codec.CloseReason;
import io.jlibp2p.crypto.PrivateKey;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.peer.PeerStore;
import io.jlibp2p.swarm.SwarmEvent.ConnectionClosed;
import io.jlibp2p.swarm.SwarmEvent.ConnectionEstablished;
import io.jlibp2p.swarm.SwarmEvent.IncomingConnectionFailed;
import io.jlibp2p.swarm.SwarmEvent.ExternalAddressConfirmed;
import io.jlibp2p.swarm.SwarmEvent.ExternalAddressExpired;
import io.jlibp2p.swarm.SwarmEvent.ListenerStarted;
import io.jlibp2p.swarm.SwarmEvent.PeerProtocolsUpdated;
import io.jlibp2p.transport.Connection;
import io.jlibp2p.transport.ConnectionUpgrader;
import io.jlibp2p.transport.Direction;
import io.jlibp2p.transport.NetworkMetrics;
import io.jlibp2p.transport.NetworkMetrics.UpgradeFailure;
import io.jlibp2p.transport.TrafficCounter;
import io.jlibp2p.transport.StreamHandler;
import io.jlibp2p.transport.StreamHandlers;
import io.jlibp2p.transport.UpgradeConfig;
import io.jlibp2p.transport.Transport;
import io.jlibp2p.time.Scheduler;
import io.jlibp2p.time.SystemScheduler;
import io.jlibp2p.transport.memory.MemoryTransport;
import io.jlibp2p.transport.tcp.TcpTransport;

/**
 * A libp2p node's network: listens, dials, keeps the pool of connections within limits,
 * closes idle ones, serves the behaviours' protocols and reports {@link SwarmEvent}s.
 *
 * <pre>{@code
 * Swarm swarm = Swarm.builder().identity(key).behaviour(new Ping(PingConfig.DEFAULT)).build();
 * swarm.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).join();
 * Connection connection = swarm.dial(Multiaddr.parse("/ip4/127.0.0.1/tcp/4001/p2p/12D3KooW…")).join();
 * }</pre>
 *
 * Connections run on Netty event loops; events and behaviour callbacks run in order on
 * the swarm's own thread, so a slow listener delays other events but never the network.
 */
public final class Swarm implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(Swarm.class);

	private final PrivateKey identity;

	private final PeerId localPeer;

	private final SwarmConfig config;

	private final List<NetworkBehaviour> behaviours;

	private final StreamHandlers handlers = new StreamHandlers();

	private final PeerStore peerStore = new PeerStore();

	private final NetworkMetrics metrics = new NetworkMetrics();

	private final TrafficCounter trafficCounter = new TrafficCounter(this.metrics);

	private final List<Transport> transports;

	private final ConnectionUpgrader upgrader;

	private final Scheduler scheduler;

	private final List<AutoCloseable> owned = new ArrayList<>();

	private final ConnectionPool pool;

	private final Dialer dialer;

	private final List<Channel> listeners = new CopyOnWriteArrayList<>();

	private final List<Multiaddr> listenAddresses = new CopyOnWriteArrayList<>();

	private final Set<Multiaddr> externalAddresses = new CopyOnWriteArraySet<>();

	private final List<Consumer<SwarmEvent>> eventListeners = new CopyOnWriteArrayList<>();

	private final AtomicInteger pendingInbound = new AtomicInteger();

	/**
	 * Completes once a connection's close has been counted and reported; closing waits
	 * for these, since the close promise can complete before the channel's close
	 * listeners have run.
	 */
	private final Map<Connection, CompletableFuture<Void>> departures = new ConcurrentHashMap<>();

	private final Scheduler.Cancellable idleCheck;

	private volatile boolean closed;

	private volatile boolean stopped;

	private Swarm(Builder builder) {
		if (builder.identity == null) {
			throw new IllegalStateException("a swarm needs an identity key");
		}
		this.identity = builder.identity;
		this.localPeer = PeerId.fromPublicKey(this.identity.publicKey());
		this.config = builder.config;
		this.behaviours = List.copyOf(builder.behaviours);
		if (builder.transports.isEmpty() && builder.ownedTransports.isEmpty()) {
			this.transports = List.of(new TcpTransport(this.config.eventLoopThreads()),
					new MemoryTransport(this.config.eventLoopThreads()));
			this.owned.addAll(this.transports);
		}
		else {
			List<Transport> all = new ArrayList<>(builder.ownedTransports);
			all.addAll(builder.transports);
			this.transports = List.copyOf(all);
			this.owned.addAll(builder.ownedTransports);
		}
		this.pool = new ConnectionPool(this.config);
		this.dialer = new Dialer(this, this.config, this.metrics);
		this.upgrader = new ConnectionUpgrader(new UpgradeConfig(this.identity, this.config.negotiationTimeout(),
				this.config.handshakeTimeout(), this.config.muxers(), this.config.yamux(), this.config.mplex()),
				this.handlers, this.metrics);
		if (builder.scheduler != null) {
			this.scheduler = builder.scheduler;
		}
		else {
			SystemScheduler own = new SystemScheduler("jlibp2p-swarm-" + this.localPeer.toBase58().substring(0, 16));
			this.owned.add(own);
			this.scheduler = own;
		}
		for (NetworkBehaviour behaviour : this.behaviours) {
			behaviour.protocols().forEach(this.handlers::register);
		}
		for (NetworkBehaviour behaviour : this.behaviours) {
			behaviour.attached(this);
		}
		Duration period = Duration.ofMillis(Math.max(100, this.config.idleTimeout().toMillis() / 4));
		this.idleCheck = this.scheduler.scheduleRepeatedly(() -> this.pool.closeIdle(this.scheduler.now(),
				(connection) -> this.behaviours.stream().anyMatch((behaviour) -> behaviour.keepAlive(connection))),
				period, period);
	}

	/**
	 * Starts building a swarm.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns this node's PeerId.
	 * @return the local peer
	 */
	public PeerId localPeer() {
		return this.localPeer;
	}

	/**
	 * Returns this node's identity key.
	 * @return the key; it signs peer records and pubsub messages
	 */
	public PrivateKey identity() {
		return this.identity;
	}

	/**
	 * Returns the limits and timeouts this swarm runs with.
	 * @return the configuration
	 */
	public SwarmConfig config() {
		return this.config;
	}

	/**
	 * Returns what this node knows about other peers.
	 * @return the peer store
	 */
	public PeerStore peerStore() {
		return this.peerStore;
	}

	/**
	 * Returns the running totals of connections, streams, failures and bytes.
	 * @return the metrics
	 */
	public NetworkMetrics metrics() {
		return this.metrics;
	}

	/**
	 * Returns the I/O implementation in use.
	 * @return {@code epoll} or {@code nio}
	 */
	public String ioType() {
		return this.transports.get(0).ioType();
	}

	Optional<Transport> transport(Multiaddr address) {
		return this.transports.stream().filter((transport) -> transport.handles(address)).findFirst();
	}

	/**
	 * Serves a protocol on inbound streams, besides the behaviours' protocols.
	 * @param protocol the protocol id
	 * @param handler sets up its streams
	 */
	public void handle(String protocol, StreamHandler handler) {
		this.handlers.register(protocol, handler);
		localInfoChanged();
	}

	/**
	 * Stops serving a protocol added with {@link #handle}.
	 * @param protocol the protocol id
	 */
	public void unhandle(String protocol) {
		this.handlers.unregister(protocol);
		localInfoChanged();
	}

	/**
	 * Records what identify learnt of a peer's protocols and listen addresses in the peer
	 * store and tells every behaviour and listener ({@link PeerProtocolsUpdated}).
	 * @param peer the peer
	 * @param protocols the protocols it serves
	 * @param listenAddresses the addresses it listens on
	 * @param addressTtl how long the addresses are kept
	 */
	public void peerProtocolsUpdated(PeerId peer, List<String> protocols, List<Multiaddr> listenAddresses,
			Duration addressTtl) {
		this.peerStore.addAddresses(peer, listenAddresses, addressTtl);
		this.peerStore.setProtocols(peer, protocols);
		emit(new PeerProtocolsUpdated(peer, protocols, listenAddresses));
	}

	private void localInfoChanged() {
		execute(() -> this.behaviours.forEach(NetworkBehaviour::localInfoChanged));
	}

	/**
	 * Returns the protocols served on inbound streams.
	 * @return the protocol ids
	 */
	public List<String> protocols() {
		return this.handlers.protocols().stream().sorted().toList();
	}

	/**
	 * Registers a listener for swarm events, called on the swarm's thread.
	 * @param listener the listener
	 */
	public void addEventListener(Consumer<SwarmEvent> listener) {
		this.eventListeners.add(listener);
	}

	/**
	 * Listens on an address.
	 * @param address an IP and TCP address (port 0 picks a free port) or
	 * {@code /memory/<n>} (0 picks a free slot)
	 * @return the address actually bound
	 */
	public CompletableFuture<Multiaddr> listen(Multiaddr address) {
		Transport transport = transport(address).orElse(null);
		if (transport == null) {
			return CompletableFuture.failedFuture(new SwarmException("no transport can listen on " + address));
		}
		return transport.bind(address, (channel) -> acceptInbound(transport, channel)).thenApply((channel) -> {
			this.listeners.add(channel);
			Multiaddr bound = transport.listenAddress(address, channel);
			this.listenAddresses.add(bound);
			emit(new ListenerStarted(bound));
			localInfoChanged();
			return bound;
		});
	}

	/**
	 * Returns the addresses this swarm listens on.
	 * @return the bound addresses, without {@code /p2p/}
	 */
	public List<Multiaddr> listenAddresses() {
		return List.copyOf(this.listenAddresses);
	}

	/**
	 * Confirms an address others can reach this node at: a public address, a port
	 * forwarded by a NAT, an address a load balancer listens on. Identify and the DHT
	 * advertise it, and a DHT in automatic mode starts serving.
	 * @param address the address, with or without this node's {@code /p2p/}
	 */
	public void addExternalAddress(Multiaddr address) {
		Multiaddr bare = address.withoutPeerId();
		if (this.externalAddresses.add(bare)) {
			emit(new ExternalAddressConfirmed(bare));
			localInfoChanged();
		}
	}

	/**
	 * Withdraws a confirmed external address.
	 * @param address the address, with or without this node's {@code /p2p/}
	 */
	public void removeExternalAddress(Multiaddr address) {
		Multiaddr bare = address.withoutPeerId();
		if (this.externalAddresses.remove(bare)) {
			emit(new ExternalAddressExpired(bare));
			localInfoChanged();
		}
	}

	/**
	 * Returns the confirmed external addresses.
	 * @return the addresses, without {@code /p2p/}
	 */
	public Set<Multiaddr> externalAddresses() {
		return Set.copyOf(this.externalAddresses);
	}

	/**
	 * Returns the addresses this node tells peers about: the confirmed external ones
	 * first, then the listen addresses.
	 * @return the addresses, without {@code /p2p/}
	 */
	public List<Multiaddr> advertisedAddresses() {
		Set<Multiaddr> addresses = new LinkedHashSet<>(this.externalAddresses);
		addresses.addAll(this.listenAddresses);
		return List.copyOf(addresses);
	}

	private void acceptInbound(Transport transport, Channel channel) {
		Multiaddr remote = transport.toMultiaddr(channel.remoteAddress());
		String refusal = null;
		if (this.pool.full()) {
			refusal = "connection limit of " + this.config.maxConnections() + " reached";
		}
		else if (this.pendingInbound.incrementAndGet() > this.config.maxPendingInbound()) {
			this.pendingInbound.decrementAndGet();
			refusal = this.config.maxPendingInbound() + " inbound connections are already being upgraded";
		}
		if (refusal != null) {
			this.metrics.upgradeFailed(UpgradeFailure.LIMIT);
			channel.close();
			emit(new IncomingConnectionFailed(remote, new SwarmException(refusal)));
			return;
		}
		upgrade(channel, Direction.INBOUND, remote, null).whenComplete((connection, failure) -> {
			this.pendingInbound.decrementAndGet();
			if (failure != null) {
				this.metrics.upgradeFailed(Failures.classify(failure));
				emit(new IncomingConnectionFailed(remote, failure));
			}
			else {
				established(connection);
			}
		});
	}

	/**
	 * Upgrades a raw connection: counts its traffic, then negotiates security and a
	 * muxer.
	 */
	CompletableFuture<Connection> upgrade(Channel channel, Direction direction, Multiaddr remote,
			@Nullable PeerId expected) {
		channel.pipeline().addFirst(this.trafficCounter);
		return this.upgrader.upgrade(channel, direction, remote, expected);
	}

	/**
	 * Dials an address. With a {@code /p2p/} suffix the remote must prove that identity,
	 * an open connection to that peer is reused, and simultaneous dials to it share one
	 * attempt.
	 * @param address the address
	 * @return the connection
	 */
	public CompletableFuture<Connection> dial(Multiaddr address) {
		return this.dialer.dial(address);
	}

	/**
	 * Dials a peer at its known addresses, all at once; the first to succeed wins and the
	 * others are closed.
	 * @param peer the peer
	 * @return the connection
	 */
	public CompletableFuture<Connection> dial(PeerId peer) {
		return this.dialer.dial(peer);
	}

	/**
	 * Admits an upgraded connection to the pool and reports it.
	 * @return whether the limits let it in; if not, it was closed
	 */
	boolean established(Connection connection) {
		if (!this.pool.admit(connection)) {
			return false;
		}
		PeerId peer = connection.remotePeer();
		this.peerStore.setPublicKey(peer, connection.security().remoteKey());
		if (connection.direction() == Direction.OUTBOUND) {
			this.peerStore.addAddresses(peer, List.of(connection.remoteAddress()), Duration.ofHours(1));
		}
		CompletableFuture<Void> departed = new CompletableFuture<>();
		this.departures.put(connection, departed);
		connection.channel().closeFuture().addListener((closedFuture) -> {
			removed(connection);
			this.departures.remove(connection);
			departed.complete(null);
		});
		emit(new ConnectionEstablished(connection));
		return true;
	}

	private void removed(Connection connection) {
		this.pool.remove(connection);
		CloseReason reason = connection.closeReason();
		this.metrics.connectionClosed((reason != null) ? reason.cause() : CloseReason.Cause.REMOTE);
		emit(new ConnectionClosed(connection, (reason != null) ? reason
				: new CloseReason(CloseReason.Cause.REMOTE, "closed by the peer or the network")));
	}

	/**
	 * Returns an open connection to a peer.
	 * @param peer the peer
	 * @return the oldest open connection, if any
	 */
	public Optional<Connection> connection(PeerId peer) {
		return this.pool.connection(peer);
	}

	/**
	 * Returns all open connections.
	 * @return a snapshot
	 */
	public List<Connection> connections() {
		return this.pool.connections();
	}

	/**
	 * Closes every connection to a peer.
	 * @param peer the peer
	 * @return completes when all are closed
	 */
	public CompletableFuture<Void> disconnect(PeerId peer) {
		return closeAll(this.pool.connections(peer), "disconnected on request");
	}

	private static CompletableFuture<Void> closeAll(List<Connection> connections, String reason) {
		List<CompletableFuture<Void>> closing = new ArrayList<>();
		for (Connection connection : connections) {
			closing.add(closed(connection.close(CloseReason.Cause.LOCAL, reason)));
		}
		return CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new));
	}

	/**
	 * Returns the scheduler that runs behaviours and timers: behaviour state is touched
	 * only on its thread.
	 * @return the scheduler
	 */
	public Scheduler scheduler() {
		return this.scheduler;
	}

	/**
	 * Runs a task on the swarm's thread, where behaviours keep their state.
	 * @param task the task
	 */
	public void execute(Runnable task) {
		this.scheduler.execute(task);
	}

	/**
	 * Computes something on the swarm's thread, where behaviours keep their state.
	 * @param task the computation
	 * @return its result, or its exception
	 */
	public <T> CompletableFuture<T> call(Supplier<T> task) {
		CompletableFuture<T> result = new CompletableFuture<>();
		execute(() -> {
			try {
				result.complete(task.get());
			}
			catch (RuntimeException ex) {
				result.completeExceptionally(ex);
			}
		});
		return result;
	}

	/**
	 * Schedules a task on the swarm's thread.
	 * @param task the task
	 * @param delay the delay
	 * @return a handle that cancels the task
	 */
	public Scheduler.Cancellable schedule(Runnable task, Duration delay) {
		return this.scheduler.schedule(task, delay);
	}

	boolean isClosed() {
		return this.closed;
	}

	void emit(SwarmEvent event) {
		if (this.stopped) {
			return;
		}
		this.scheduler.execute(() -> {
			if (event instanceof ConnectionEstablished established) {
				this.behaviours.forEach((behaviour) -> behaviour.connectionEstablished(established.connection()));
			}
			else if (event instanceof ConnectionClosed closedEvent) {
				this.behaviours.forEach((behaviour) -> behaviour.connectionClosed(closedEvent.connection()));
			}
			else if (event instanceof PeerProtocolsUpdated updated) {
				this.behaviours.forEach((behaviour) -> behaviour.peerProtocolsUpdated(updated.peer(),
						updated.protocols(), updated.listenAddresses()));
			}
			for (Consumer<SwarmEvent> listener : this.eventListeners) {
				try {
					listener.accept(event);
				}
				catch (RuntimeException ex) {
					logger.warn("swarm event listener failed on {}", event.getClass().getSimpleName(), ex);
				}
			}
		});
	}

	/**
	 * Closes all connections and listeners, waiting up to a timeout for them to close.
	 * @param timeout how long to wait
	 */
	public void close(Duration timeout) {
		if (this.closed) {
			return;
		}
		this.closed = true;
		List<CompletableFuture<Void>> closing = new ArrayList<>();
		for (Channel listener : this.listeners) {
			closing.add(closed(listener.close()));
		}
		closeAll(this.pool.close(), "the swarm is closing");
		closing.addAll(this.departures.values());
		try {
			CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
				.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			logger.debug("not everything closed within {}", timeout, ex);
		}
		this.idleCheck.cancel();
		this.stopped = true;
		this.behaviours.forEach(NetworkBehaviour::detached);
		// The scheduler first: its timers must not write to event loops that are gone.
		for (int i = this.owned.size() - 1; i >= 0; i--) {
			AutoCloseable resource = this.owned.get(i);
			try {
				resource.close();
			}
			catch (Exception ex) {
				logger.debug("closing {} failed", resource, ex);
			}
		}
	}

	@Override
	public void close() {
		close(Duration.ofSeconds(5));
	}

	private static CompletableFuture<Void> closed(ChannelFuture closing) {
		CompletableFuture<Void> done = new CompletableFuture<>();
		closing.addListener((future) -> done.complete(null));
		return done;
	}

	/**
	 * Builds a {@link Swarm}.
	 */
	public static final class Builder {

		private @Nullable PrivateKey identity;

		private SwarmConfig config = SwarmConfig.DEFAULT;

		private final List<NetworkBehaviour> behaviours = new ArrayList<>();

		private final List<Transport> transports = new ArrayList<>();

		private final List<Transport> ownedTransports = new ArrayList<>();

		private @Nullable Scheduler scheduler;

		private Builder() {
		}

		/**
		 * Runs behaviours and timers on a given scheduler instead of a thread of the
		 * swarm's own, for instance a {@link io.jlibp2p.time.VirtualScheduler} shared by
		 * all nodes of a simulation. The swarm does not close it.
		 * @param scheduler the scheduler
		 * @return this builder
		 */
		public Builder scheduler(Scheduler scheduler) {
			this.scheduler = scheduler;
			return this;
		}

		/**
		 * Uses a transport instead of the default TCP and memory transports; call once
		 * per transport. The swarm does not close transports given here, so one transport
		 * (and its event loops) can serve many swarms.
		 * @param transport the transport
		 * @return this builder
		 */
		public Builder transport(Transport transport) {
			this.transports.add(transport);
			return this;
		}

		/**
		 * Uses a transport instead of the default TCP and memory transports, and closes
		 * it with the swarm; call once per transport.
		 * @param transport the transport, used by this swarm only
		 * @return this builder
		 */
		public Builder ownTransport(Transport transport) {
			this.ownedTransports.add(transport);
			return this;
		}

		/**
		 * Sets the identity key.
		 * @param identity the key
		 * @return this builder
		 */
		public Builder identity(PrivateKey identity) {
			this.identity = identity;
			return this;
		}

		/**
		 * Sets limits and timeouts.
		 * @param config the configuration
		 * @return this builder
		 */
		public Builder config(SwarmConfig config) {
			this.config = config;
			return this;
		}

		/**
		 * Adds a behaviour.
		 * @param behaviour the behaviour
		 * @return this builder
		 */
		public Builder behaviour(NetworkBehaviour behaviour) {
			this.behaviours.add(behaviour);
			return this;
		}

		/**
		 * Builds the swarm; it starts its event loops but listens nowhere yet.
		 * @return the swarm
		 * @throws IllegalStateException if no identity was set
		 */
		public Swarm build() {
			return new Swarm(this);
		}

	}

}
