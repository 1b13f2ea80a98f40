package io.jlibp2p.swarm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jlibp2p.crypto.PrivateKey;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.peer.PeerStore;
import io.jlibp2p.resources.ResourceManager;
import io.jlibp2p.swarm.SwarmEvent.ExternalAddressConfirmed;
import io.jlibp2p.swarm.SwarmEvent.ExternalAddressExpired;
import io.jlibp2p.swarm.SwarmEvent.ListenerStarted;
import io.jlibp2p.swarm.SwarmEvent.PeerProtocolsUpdated;
import io.jlibp2p.time.Scheduler;
import io.jlibp2p.time.SystemScheduler;
import io.jlibp2p.transport.Connection;
import io.jlibp2p.transport.ConnectionUpgrader;
import io.jlibp2p.transport.NetworkMetrics;
import io.jlibp2p.transport.StreamHandler;
import io.jlibp2p.transport.StreamHandlers;
import io.jlibp2p.transport.TrafficCounter;
import io.jlibp2p.transport.Transport;
import io.jlibp2p.transport.UpgradeConfig;
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

	private final Transports transports;

	private final ConnectionLifecycle lifecycle;

	private final Scheduler scheduler;

	private final List<AutoCloseable> owned = new ArrayList<>();

	private final ConnectionPool pool;

	private final Dialer dialer;

	private final List<Channel> listeners = new CopyOnWriteArrayList<>();

	private final List<Multiaddr> listenAddresses = new CopyOnWriteArrayList<>();

	private final Set<Multiaddr> externalAddresses = new CopyOnWriteArraySet<>();

	private final SwarmEvents events;

	private final ConnectionManager connectionManager;

	private final ResourceManager resources;

	private final Scheduler.Cancellable idleCheck;

	private final boolean privateNetwork;

	Swarm(SwarmBuilder builder) {
		if (builder.identity == null) {
			throw new IllegalStateException("a swarm needs an identity key");
		}
		this.identity = builder.identity;
		this.localPeer = PeerId.fromPublicKey(this.identity.publicKey());
		this.config = builder.config;
		this.behaviours = List.copyOf(builder.behaviours);
		if (builder.transports.isEmpty() && builder.ownedTransports.isEmpty()) {
			List<Transport> defaults = List.of(new TcpTransport(this.config.eventLoopThreads()),
					new MemoryTransport(this.config.eventLoopThreads()));
			this.transports = new Transports(defaults);
			this.owned.addAll(defaults);
		}
		else {
			List<Transport> all = new ArrayList<>(builder.ownedTransports);
			all.addAll(builder.transports);
			this.transports = new Transports(all);
			this.owned.addAll(builder.ownedTransports);
		}
		if (builder.scheduler != null) {
			this.scheduler = builder.scheduler;
		}
		else {
			// Owned after the transports, so that it closes first: its timers must not
			// write to event loops that are gone.
			SystemScheduler own = new SystemScheduler("jlibp2p-swarm-" + this.localPeer.toBase58().substring(0, 16));
			this.owned.add(own);
			this.scheduler = own;
		}
		this.pool = new ConnectionPool(this.config);
		this.resources = new ResourceManager(this.config.resources());
		this.connectionManager = new ConnectionManager(this.config.watermarks(), this.scheduler,
				this.pool::connections);
		this.events = new SwarmEvents(this.scheduler, this.behaviours, this.connectionManager);
		ConnectionUpgrader upgrader = new ConnectionUpgrader(
				new UpgradeConfig(this.identity, this.config.timeouts().negotiation(),
						this.config.timeouts().handshake(), this.config.security(), this.config.muxers(),
						this.config.yamux(), this.config.mplex(), builder.privateNetwork),
				this.handlers, this.metrics, builder.gater, this.resources);
		this.privateNetwork = builder.privateNetwork != null;
		this.lifecycle = new ConnectionLifecycle(this.config, this.pool, this.peerStore, this.metrics,
				new TrafficCounter(this.metrics), upgrader, this.events, builder.gater, this.resources);
		this.dialer = new Dialer(this.localPeer, this.config, this.transports, this.peerStore, this.pool,
				this.lifecycle, this.metrics, this.events, builder.gater);
		for (NetworkBehaviour behaviour : this.behaviours) {
			behaviour.protocols().forEach(this.handlers::register);
		}
		for (NetworkBehaviour behaviour : this.behaviours) {
			behaviour.attached(this);
		}
		Duration period = Duration.ofMillis(Math.max(100, this.config.timeouts().idle().toMillis() / 4));
		this.idleCheck = this.scheduler.scheduleRepeatedly(() -> this.pool.closeIdle(this.scheduler.now(),
				(connection) -> this.behaviours.stream().anyMatch((behaviour) -> behaviour.keepAlive(connection))),
				period, period);
	}

	/**
	 * Starts building a swarm.
	 * @return a builder
	 */
	public static SwarmBuilder builder() {
		return new SwarmBuilder();
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
	 * Returns the connection manager, where protocols tag and protect the peers they
	 * need.
	 * @return the connection manager
	 */
	public ConnectionManager connectionManager() {
		return this.connectionManager;
	}

	/**
	 * Returns the resource manager, which limits streams and memory per scope.
	 * @return the resource manager
	 */
	public ResourceManager resourceManager() {
		return this.resources;
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
		return this.transports.ioType();
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
		this.events.addListener(listener);
	}

	/**
	 * Listens on an address.
	 * @param address an IP and TCP address (port 0 picks a free port) or
	 * {@code /memory/<n>} (0 picks a free slot)
	 * @return the address actually bound
	 */
	public CompletableFuture<Multiaddr> listen(Multiaddr address) {
		Transport transport = this.transports.forAddress(address).orElse(null);
		if (transport == null) {
			return CompletableFuture.failedFuture(new SwarmException("no transport can listen on " + address));
		}
		return transport.bind(address, (channel) -> this.lifecycle.acceptInbound(transport, channel))
			.thenApply((channel) -> {
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
		return ConnectionPool.closeAll(this.pool.connections(peer), "disconnected on request");
	}

	/**
	 * Returns whether the node is a member of a private network.
	 * @return {@code true} when it connects only to nodes with its pre-shared key
	 */
	public boolean isPrivateNetwork() {
		return this.privateNetwork;
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
		return this.scheduler.call(task);
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

	private void emit(SwarmEvent event) {
		this.events.accept(event);
	}

	/**
	 * Closes all connections and listeners, waiting up to a timeout for them to close.
	 * @param timeout how long to wait
	 */
	public void close(Duration timeout) {
		if (this.lifecycle.isClosed()) {
			return;
		}
		this.lifecycle.close();
		List<CompletableFuture<Void>> closing = new ArrayList<>();
		for (Channel listener : this.listeners) {
			closing.add(ConnectionPool.closed(listener.close()));
		}
		ConnectionPool.closeAll(this.pool.close(), "the swarm is closing");
		closing.addAll(this.lifecycle.departures());
		try {
			CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
				.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			logger.debug("not everything closed within {}", timeout, ex);
		}
		this.idleCheck.cancel();
		this.connectionManager.close();
		this.events.stop();
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

}
