package io.jlibp2p.protocol.kad;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

import com.google.protobuf.ByteString;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jlibp2p.internal.proto.KadProto;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.muxer.StreamChannel;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.swarm.NetworkBehaviour;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.time.Scheduler;
import io.jlibp2p.transport.Connection;
import io.jlibp2p.transport.StreamHandler;

/**
 * The Kademlia DHT behaviour: a routing table of peers that proved they serve the
 * configured DHT protocol, answers to FIND_NODE, GET_VALUE, PUT_VALUE, ADD_PROVIDER,
 * GET_PROVIDERS and PING in server mode, and iterative lookups.
 *
 * <p>
 * A peer enters the table only after identify listed the configured protocol among its
 * protocols (the swarm reports it to every behaviour), or after it answered a request of
 * this node on that protocol; never because it connected, and never a peer that speaks
 * another DHT's protocol id. Answers come from {@link KadServer}, requests go out through
 * {@link KadClient}.
 */
public final class Kademlia implements NetworkBehaviour {

	private static final Logger logger = LoggerFactory.getLogger(Kademlia.class);

	/** The connection manager's protection of routing table peers. */
	private static final String PROTECTION = "kad";

	private final KadConfig config;

	private final RecordStore records;

	private final ProviderStore providers;

	private final AtomicLong malformed = new AtomicLong();

	private final QueryEvents queryEvents = new QueryEvents();

	private volatile int tableSize;

	private volatile boolean serving;

	private @Nullable Running running;

	private final List<Scheduler.Cancellable> timers = new ArrayList<>();

	private final Republishing republishing;

	/** Stalest peers of full buckets being pinged before a newcomer may replace them. */
	private final Set<PeerId> pinging = new HashSet<>();

	/**
	 * Creates the behaviour with in-memory stores.
	 * @param config the settings
	 */
	public Kademlia(KadConfig config) {
		this(config, MemoryStores.records(config.limits().maxRecords(), config.limits().maxRecordsPerPeer()),
				MemoryStores.providers(config.limits().maxProviderKeys(), config.limits().maxProvidersPerKey(),
						config.limits().maxProviderKeysPerPeer()));
	}

	/**
	 * Creates the behaviour.
	 * @param config the settings
	 * @param records where records are stored
	 * @param providers where provider records are stored
	 */
	public Kademlia(KadConfig config, RecordStore records, ProviderStore providers) {
		this.config = config;
		this.republishing = new Republishing(config);
		this.records = records;
		this.providers = providers;
	}

	@Override
	public Map<String, StreamHandler> protocols() {
		// A client neither advertises nor answers: it must not end up in others' tables.
		// In automatic mode the handler is added and removed as the node's external
		// addresses come and go.
		return (this.config.mode() == KadConfig.Mode.SERVER) ? Map.of(this.config.protocolId(), this::serve) : Map.of();
	}

	/**
	 * Returns whether this node serves the DHT now, which in automatic mode changes with
	 * the swarm's external addresses.
	 * @return {@link KadConfig.Mode#SERVER} or {@link KadConfig.Mode#CLIENT}
	 */
	public KadConfig.Mode mode() {
		return this.serving ? KadConfig.Mode.SERVER : KadConfig.Mode.CLIENT;
	}

	@Override
	public void localInfoChanged() {
		Running current = this.running;
		if (current == null || this.config.mode() != KadConfig.Mode.AUTO) {
			return;
		}
		Swarm swarm = current.swarm();
		boolean serve = !swarm.externalAddresses().isEmpty();
		if (serve != this.serving) {
			this.serving = serve;
			logger.info("DHT switches to {} mode", serve ? "server" : "client");
			if (serve) {
				swarm.handle(this.config.protocolId(), this::serve);
			}
			else {
				swarm.unhandle(this.config.protocolId());
			}
		}
	}

	@Override
	public void attached(Swarm swarm) {
		RoutingTable table = new RoutingTable(swarm.localPeer(), this.config.k(), this.config.limits().maxPerIpGroup());
		this.running = new Running(swarm, table,
				new KadServer(this.config, this.records, this.providers, table, () -> swarm.scheduler().now(),
						swarm::execute, this.malformed),
				new KadClient(this.config, swarm, this.malformed),
				new Lookups(this.config, swarm, table, this::request));
		this.serving = this.config.mode() == KadConfig.Mode.SERVER;
		swarm.execute(this::localInfoChanged);
		Scheduler scheduler = swarm.scheduler();
		this.timers.add(scheduler.scheduleRepeatedly(() -> lookups().refresh(),
				this.config.lifetimes().refreshInterval(), this.config.lifetimes().refreshInterval()));
		this.timers.addAll(this.republishing.start(scheduler, this::putValue, this::provide));
	}

	@Override
	public void detached() {
		this.timers.forEach(Scheduler.Cancellable::cancel);
	}

	/**
	 * Stops announcing this node as a provider of a key; the records already sent expire
	 * with their TTL.
	 * @param key the key, a multihash
	 * @return completes once the key is forgotten here
	 */
	public CompletableFuture<Void> stopProviding(byte[] key) {
		return node().call(() -> {
			this.republishing.stopProviding(key);
			this.providers.remove(key, node().localPeer());
			return null;
		});
	}

	/**
	 * Returns the settings.
	 * @return the configuration
	 */
	public KadConfig config() {
		return this.config;
	}

	/**
	 * Returns the routing table; read it on the swarm's thread, or through
	 * {@link #routingTable()}.
	 * @return the table
	 */
	RoutingTable table() {
		return running().table();
	}

	private void serve(Connection connection, StreamChannel stream) {
		running().server().serve(connection, stream);
	}

	private Lookups lookups() {
		return running().lookups();
	}

	private Swarm node() {
		return running().swarm();
	}

	private Running running() {
		Running current = this.running;
		if (current == null) {
			throw new IllegalStateException("kademlia is not part of a swarm");
		}
		return current;
	}

	/** What the behaviour works with once part of a swarm. */
	private record Running(Swarm swarm, RoutingTable table, KadServer server, KadClient client, Lookups lookups) {
	}

	/**
	 * Returns a snapshot of the routing table.
	 * @return bucket index to entries, least recently seen first
	 */
	public CompletableFuture<Map<Integer, List<RoutingTable.Entry>>> routingTable() {
		return node().call(() -> table().buckets());
	}

	/**
	 * Returns how many peers the routing table holds, as of its last change.
	 * @return the count
	 */
	public int tableSize() {
		return this.tableSize;
	}

	/**
	 * Registers a listener for finished operations, called on the swarm's thread.
	 * @param listener the listener
	 */
	public void addQueryListener(Consumer<KadQueryEvent> listener) {
		this.queryEvents.addListener(listener);
	}

	private <T> CompletableFuture<T> measured(String type, CompletableFuture<T> operation, Predicate<T> succeeded) {
		return this.queryEvents.measured(node(), type, operation, succeeded);
	}

	/**
	 * Returns how many messages from peers were invalid.
	 * @return the count
	 */
	public long malformedMessages() {
		return this.malformed.get();
	}

	@Override
	public void peerProtocolsUpdated(PeerId peer, List<String> protocols, List<Multiaddr> listenAddresses) {
		if (protocols.contains(this.config.protocolId())) {
			admit(peer, listenAddresses);
		}
		else {
			// A peer may stop serving the DHT, or never have served this DHT's protocol
			// id.
			forget(peer);
		}
	}

	private void forget(PeerId peer) {
		if (table().remove(peer)) {
			left(peer);
		}
	}

	/**
	 * Offers a peer that proved it serves the DHT, with the addresses the address filter
	 * passes. A full bucket keeps its stalest peer while that one is connected; otherwise
	 * the stalest is pinged, and only if it does not answer does the newcomer take its
	 * place.
	 */
	private void admit(PeerId peer, List<Multiaddr> announced) {
		List<Multiaddr> addresses = this.config.addressFilter().apply(announced);
		Swarm swarm = node();
		Multiaddr observed = swarm.connection(peer).map(Connection::remoteAddress).orElse(null);
		RoutingTable.Offer offer = table().offer(peer, addresses, observed, swarm.scheduler().now());
		if (offer.outcome() == RoutingTable.Outcome.ADDED) {
			joined(peer);
		}
		RoutingTable.Entry stalest = offer.pingFirst();
		if (offer.outcome() == RoutingTable.Outcome.BUCKET_FULL && stalest != null
				&& swarm.connection(stalest.peer()).isEmpty() && this.pinging.add(stalest.peer())) {
			KadProto.Message ping = KadProto.Message.newBuilder().setType(KadProto.Message.MessageType.PING).build();
			request(new KadPeer(stalest.peer(), stalest.addresses()), ping)
				.whenComplete((answer, failure) -> swarm.execute(() -> {
					this.pinging.remove(stalest.peer());
					Instant now = swarm.scheduler().now();
					if (failure == null) {
						table().offer(stalest.peer(), List.of(), null, now);
					}
					else {
						logger.debug("evicting unresponsive DHT peer {} for {}", stalest.peer(), peer);
						forget(stalest.peer());
						if (table().offer(peer, addresses, observed, now).outcome() == RoutingTable.Outcome.ADDED) {
							joined(peer);
						}
					}
				}));
		}
	}

	private void left(PeerId peer) {
		this.tableSize = table().size();
		node().connectionManager().unprotect(peer, PROTECTION);
	}

	private void joined(PeerId peer) {
		this.tableSize = table().size();
		// Routing table peers are what the DHT needs: trimming must not close them.
		node().connectionManager().protect(peer, PROTECTION);
		if (this.tableSize == 1) {
			// The first DHT peer, usually a bootstrap peer: look this node up through it,
			// which fills the table around this node.
			lookups().self();
		}
	}

	/**
	 * Sends one request to a peer; a peer that answers is admitted to the table, one that
	 * fails is removed from it.
	 */
	private CompletableFuture<KadProto.Message> request(KadPeer peer, KadProto.Message request) {
		Swarm swarm = node();
		CompletableFuture<KadProto.Message> checked = new CompletableFuture<>();
		running().client().request(peer, request).whenComplete((message, failure) -> swarm.execute(() -> {
			if (failure == null) {
				admit(peer.id(), swarm.peerStore().addresses(peer.id()));
				checked.complete(message);
			}
			else {
				forget(peer.id());
				checked.completeExceptionally(failure);
			}
		}));
		return checked;
	}

	/**
	 * Finds the {@code k} peers closest to a key that answer, by an iterative lookup.
	 * @param key the key
	 * @return the peers, closest first
	 */
	public CompletableFuture<List<KadPeer>> closestPeers(byte[] key) {
		return measured("find_node", lookupClosest(key).thenApply(Lookup.Result::closest), (peers) -> !peers.isEmpty());
	}

	/**
	 * Runs a FIND_NODE lookup and returns all it learned, hop count included.
	 * @param key the key
	 * @return the lookup's result
	 */
	CompletableFuture<Lookup.Result> lookupClosest(byte[] key) {
		return node().call(() -> lookups().start(key, KadProto.Message.MessageType.FIND_NODE, null))
			.thenCompose(Lookup::result);
	}

	/**
	 * Finds a peer's addresses: from a connection, or by a lookup of its id.
	 * @param peer the peer
	 * @return its addresses; fails with {@link KadException} if no peer knows them
	 */
	public CompletableFuture<List<Multiaddr>> findPeer(PeerId peer) {
		Swarm swarm = node();
		Optional<Connection> connected = swarm.connection(peer);
		if (connected.isPresent()) {
			return CompletableFuture.completedFuture(List.of(connected.get().remoteAddress()));
		}
		return measured("find_peer",
				node()
					.call(() -> lookups().start(peer.toBytes(), KadProto.Message.MessageType.FIND_NODE,
							(response) -> KadMessages.peers(response.getCloserPeersList())
								.stream()
								.anyMatch((found) -> found.id().equals(peer) && !found.addresses().isEmpty())))
					.thenCompose(Lookup::result)
					.thenApply((result) -> result.seen()
						.stream()
						.filter((found) -> found.id().equals(peer) && !found.addresses().isEmpty())
						.findFirst()
						.map(KadPeer::addresses)
						.orElseThrow(() -> new KadException("no peer knows the addresses of " + peer))),
				(found) -> true);
	}

	/**
	 * Stores a record at the peers closest to its key, and here.
	 * @param key the key, in a namespace with a validator
	 * @param value the value
	 * @return how many peers stored it
	 */
	public CompletableFuture<Integer> putValue(byte[] key, byte[] value) {
		return measured("put_value", node().call(() -> {
			RecordValidator.check(this.config.validators(), key, value);
			this.republishing.recordPut(key, value);
			Instant now = node().scheduler().now();
			this.records.put(new RecordStore.StoredRecord(key.clone(), value.clone(), null, now,
					now.plus(this.config.lifetimes().record())));
			return lookups().start(key, KadProto.Message.MessageType.FIND_NODE, null);
		}).thenCompose(Lookup::result).thenCompose((result) -> {
			KadProto.Message put = KadProto.Message.newBuilder()
				.setType(KadProto.Message.MessageType.PUT_VALUE)
				.setKey(ByteString.copyFrom(key))
				.setRecord(KadProto.Record.newBuilder()
					.setKey(ByteString.copyFrom(key))
					.setValue(ByteString.copyFrom(value)))
				.build();
			return lookups().sendToEach(result.closest(), put);
		}), (stored) -> stored > 0);
	}

	/**
	 * Finds a record: here, or by a lookup that stops at the first valid one.
	 * @param key the key
	 * @return the value; fails with {@link KadException} if no peer has it
	 */
	public CompletableFuture<byte[]> getValue(byte[] key) {
		return measured("get_value", node().call(() -> {
			Optional<RecordStore.StoredRecord> local = this.records.get(key, node().scheduler().now());
			if (local.isPresent()) {
				return CompletableFuture.completedFuture(local.get().value());
			}
			Lookup lookup = lookups().start(key, KadProto.Message.MessageType.GET_VALUE,
					(response) -> response.hasRecord() && valid(key, response.getRecord()));
			return lookup.result()
				.thenApply((result) -> result.found()
					.map((response) -> response.getRecord().getValue().toByteArray())
					.orElseThrow(() -> new KadException("no peer has a record for this key")));
		}).thenCompose((value) -> value), (value) -> true);
	}

	private boolean valid(byte[] key, KadProto.Record record) {
		try {
			RecordValidator.check(this.config.validators(), key, record.getValue().toByteArray());
			return record.getKey().equals(ByteString.copyFrom(key));
		}
		catch (KadException ex) {
			return false;
		}
	}

	/**
	 * Announces this node as a provider of a key to the peers closest to it.
	 * @param key the key, a multihash
	 * @return how many peers took the announcement
	 */
	public CompletableFuture<Integer> provide(byte[] key) {
		return measured("add_provider", node().call(() -> {
			Swarm swarm = node();
			KadPeer self = new KadPeer(swarm.localPeer(), swarm.advertisedAddresses());
			this.republishing.keyProvided(key);
			this.providers.add(key, self, swarm.scheduler().now().plus(this.config.lifetimes().provider()));
			return lookups().start(key, KadProto.Message.MessageType.FIND_NODE, null);
		}).thenCompose(Lookup::result).thenCompose((result) -> {
			Swarm swarm = node();
			KadProto.Message add = KadProto.Message.newBuilder()
				.setType(KadProto.Message.MessageType.ADD_PROVIDER)
				.setKey(ByteString.copyFrom(key))
				.addProviderPeers(KadMessages.peer(
						new KadPeer(swarm.localPeer(), this.config.addressFilter().apply(swarm.advertisedAddresses()))))
				.build();
			return lookups().sendToEach(result.closest(), add);
		}), (stored) -> stored > 0);
	}

	/**
	 * Finds providers of a key: here and by a lookup that stops at the first answer with
	 * providers.
	 * @param key the key, a multihash
	 * @return the providers, possibly none
	 */
	public CompletableFuture<List<KadPeer>> findProviders(byte[] key) {
		return measured("get_providers",
				node()
					.call(() -> lookups().start(key, KadProto.Message.MessageType.GET_PROVIDERS,
							(response) -> response.getProviderPeersCount() > 0))
					.thenCompose(Lookup::result)
					.thenApply((result) -> {
						List<KadPeer> found = new ArrayList<>(this.providers.get(key, node().scheduler().now()));
						result.found()
							.ifPresent((response) -> KadMessages.peers(response.getProviderPeersList())
								.stream()
								.filter((provider) -> found.stream()
									.noneMatch((known) -> known.id().equals(provider.id())))
								.forEach(found::add));
						return found;
					}),
				(found) -> !found.isEmpty());
	}

	/**
	 * Looks up this node's own id, which fills the table around it: what a node does
	 * after connecting to its bootstrap peers.
	 * @return the closest peers found
	 */
	public CompletableFuture<List<KadPeer>> bootstrap() {
		return closestPeers(node().localPeer().toBytes());
	}

}
