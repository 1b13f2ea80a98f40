package io.jlibp2p.protocol.mdns;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.multiformats.MultiaddrComponent;
import io.jlibp2p.multiformats.Protocol;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.swarm.NetworkBehaviour;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.time.Scheduler;
import io.jlibp2p.transport.StreamHandler;

/**
 * mDNS discovery over IPv4 on one network interface. Once the swarm listens it queries
 * the link, then again every {@code queryInterval}; it answers every query for its
 * service (its own included, so a node that joins is discovered by the others at once),
 * announces itself again when its listen addresses change, and feeds what it hears into
 * the peer store. Packets are read on their own event loop and handed to the swarm's
 * thread already parsed.
 */
public final class Mdns implements NetworkBehaviour {

	private static final Logger logger = LoggerFactory.getLogger(Mdns.class);

	/** Peers tracked at most, so forged answers cannot grow memory without bound. */
	static final int MAX_DISCOVERED = 1024;

	private final MdnsConfig config;

	private final String instanceName;

	private final List<Consumer<MdnsEvent>> listeners = new CopyOnWriteArrayList<>();

	private final Map<PeerId, Instant> discovered = new ConcurrentHashMap<>();

	private final AtomicLong malformedPackets = new AtomicLong();

	private @Nullable Swarm swarm;

	private volatile @Nullable MdnsSocket socket;

	private volatile Scheduler.Cancellable queries = () -> {
	};

	private boolean starting;

	private List<Multiaddr> lastAnnounced = List.of();

	private volatile boolean detached;

	/**
	 * Creates the behaviour.
	 * @param config the settings
	 */
	public Mdns(MdnsConfig config) {
		this.config = config;
		this.instanceName = randomLabel() + "." + config.serviceName();
	}

	@Override
	public Map<String, StreamHandler> protocols() {
		return Map.of();
	}

	/**
	 * Registers a listener for discoveries and expiries, called on the swarm's thread.
	 * @param listener the listener
	 */
	public void addListener(Consumer<MdnsEvent> listener) {
		this.listeners.add(listener);
	}

	/**
	 * Returns the peers heard from whose answers have not expired.
	 * @return their PeerIds
	 */
	public Set<PeerId> discoveredPeers() {
		return Set.copyOf(this.discovered.keySet());
	}

	/**
	 * Returns how many packets could not be parsed.
	 * @return the count since start
	 */
	public long malformedPackets() {
		return this.malformedPackets.get();
	}

	/**
	 * Returns whether the socket is bound and has joined the mDNS group.
	 * @return {@code true} once discovery runs
	 */
	public boolean isRunning() {
		MdnsSocket current = this.socket;
		return current != null && current.isOpen();
	}

	@Override
	public void attached(Swarm swarm) {
		this.swarm = swarm;
	}

	/**
	 * Joins the link once the swarm listens: before, there is nothing to announce, and in
	 * an application the node is not started yet.
	 */
	private void start(Swarm swarm) {
		this.starting = true;
		MdnsSocket.open(this.config, (message) -> swarm.execute(() -> received(message)), this.malformedPackets)
			.whenComplete((opened, failure) -> {
				if (failure != null) {
					logger.warn("mDNS disabled: {}", failure.getMessage());
				}
				else if (this.detached) {
					opened.close();
				}
				else {
					swarm.execute(() -> started(opened));
				}
			});
	}

	private void started(MdnsSocket opened) {
		if (this.detached) {
			opened.close();
			return;
		}
		this.socket = opened;
		logger.info("mDNS discovery on {} port {}", opened.networkInterface(), this.config.port());
		Swarm node = this.swarm;
		if (node != null) {
			this.queries = node.scheduler().scheduleRepeatedly(this::query, Duration.ZERO, this.config.queryInterval());
		}
	}

	@Override
	public void detached() {
		this.detached = true;
		this.queries.cancel();
		MdnsSocket current = this.socket;
		if (current != null) {
			current.close();
		}
	}

	@Override
	public void localInfoChanged() {
		Swarm node = this.swarm;
		if (node == null || this.detached) {
			return;
		}
		if (!this.starting && !node.listenAddresses().isEmpty()) {
			start(node);
		}
		// also called when only the served protocols changed: announce address changes
		// only
		List<Multiaddr> addresses = announcedAddresses();
		if (!addresses.equals(this.lastAnnounced)) {
			this.lastAnnounced = addresses;
			announce();
		}
	}

	private void query() {
		MdnsSocket current = this.socket;
		if (!this.detached && current != null) {
			current.send(MdnsRecords.query(this.config.serviceName()));
		}
	}

	private void announce() {
		MdnsSocket current = this.socket;
		if (current != null) {
			MdnsRecords
				.announcement(this.config.serviceName(), this.instanceName, this.config.ttl(), announcedAddresses())
				.ifPresent(current::send);
		}
	}

	/**
	 * This node's listen addresses reachable over the chosen interface: wildcard
	 * addresses become the interface's own, and addresses of other interfaces are left
	 * out.
	 */
	private List<Multiaddr> announcedAddresses() {
		Swarm node = this.swarm;
		MdnsSocket current = this.socket;
		if (node == null || current == null) {
			return List.of();
		}
		List<InetAddress> local = current.localAddresses();
		List<Multiaddr> announced = new ArrayList<>();
		for (Multiaddr listen : node.listenAddresses()) {
			List<MultiaddrComponent> components = listen.components();
			Protocol family = components.get(0).protocol();
			if (family != Protocol.IP4 && family != Protocol.IP6) {
				continue;
			}
			InetAddress address = MdnsSocket.inetAddress(components.get(0).value());
			for (InetAddress own : local) {
				boolean sameFamily = (own instanceof Inet4Address) == (family == Protocol.IP4);
				if (sameFamily && (address.isAnyLocalAddress() || own.equals(address))) {
					List<MultiaddrComponent> replaced = new ArrayList<>(components);
					replaced.set(0, MultiaddrComponent.ofBytes(family, own.getAddress()));
					announced.add(Multiaddr.of(replaced).withPeerId(node.localPeer()));
				}
			}
		}
		return announced;
	}

	private void received(DnsMessage message) {
		if (this.detached) {
			return;
		}
		if (MdnsRecords.asksFor(message, this.config.serviceName())) {
			announce();
			return;
		}
		MdnsRecords.peers(message, this.config.serviceName())
			.forEach((peer, announced) -> heard(peer, announced.addresses(), announced.ttl()));
	}

	private void heard(PeerId peer, List<Multiaddr> found, Duration announcedTtl) {
		Swarm node = this.swarm;
		if (node == null || peer.equals(node.localPeer())) {
			return;
		}
		Duration ttl = (announcedTtl.compareTo(this.config.ttl()) < 0) ? announcedTtl : this.config.ttl();
		if (ttl.isZero()) {
			expire(peer);
			return;
		}
		boolean isNew = !this.discovered.containsKey(peer);
		if (isNew && this.discovered.size() >= MAX_DISCOVERED) {
			logger.debug("mDNS ignores {}: {} peers are known already", peer, MAX_DISCOVERED);
			return;
		}
		node.peerStore().addAddresses(peer, found, ttl);
		this.discovered.put(peer, node.scheduler().now().plus(ttl));
		if (isNew) {
			node.schedule(() -> expireIfStale(peer), ttl);
			logger.debug("mDNS discovered {} at {}", peer, found);
			emit(new MdnsEvent.Discovered(peer, found));
			if (this.config.dialDiscovered() && node.connection(peer).isEmpty()) {
				node.dial(peer).whenComplete((connection, failure) -> {
					if (failure != null) {
						logger.debug("dialing mDNS peer {} failed: {}", peer, failure.getMessage());
					}
				});
			}
		}
	}

	private void expireIfStale(PeerId peer) {
		Swarm node = this.swarm;
		Instant expiry = this.discovered.get(peer);
		if (node == null || expiry == null) {
			return;
		}
		Duration left = Duration.between(node.scheduler().now(), expiry);
		if (left.isNegative() || left.isZero()) {
			expire(peer);
		}
		else {
			node.schedule(() -> expireIfStale(peer), left);
		}
	}

	private void expire(PeerId peer) {
		if (this.discovered.remove(peer) != null) {
			emit(new MdnsEvent.Expired(peer));
		}
	}

	private void emit(MdnsEvent event) {
		for (Consumer<MdnsEvent> listener : this.listeners) {
			try {
				listener.accept(event);
			}
			catch (RuntimeException ex) {
				logger.warn("mDNS listener failed on {}", event, ex);
			}
		}
	}

	private static String randomLabel() {
		SecureRandom random = new SecureRandom();
		String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
		StringBuilder label = new StringBuilder();
		int length = 32 + random.nextInt(32);
		for (int i = 0; i < length; i++) {
			label.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return label.toString();
	}

}
