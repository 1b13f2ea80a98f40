package io.jlibp2p.protocol.mdns;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.multiformats.MultiaddrComponent;
import io.jlibp2p.multiformats.MultiaddrException;
import io.jlibp2p.multiformats.Protocol;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.peer.PeerStore;
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

	private static final InetAddress GROUP = inetAddress(new byte[] { (byte) 224, 0, 0, (byte) 251 });

	private static final String DNSADDR = "dnsaddr=";

	private static final int TYPE_ANY = 255;

	/**
	 * Addresses one answer carries at most: each TXT record takes at most 350 bytes (a
	 * 255-byte string, the instance name and the record's fields), so 16 of them and the
	 * PTR record always fit the 9000-byte packet.
	 */
	private static final int MAX_ANNOUNCED_ADDRESSES = 16;

	/** Peers tracked at most, so forged answers cannot grow memory without bound. */
	static final int MAX_DISCOVERED = 1024;

	private final MdnsConfig config;

	private final String instanceName;

	private final List<Consumer<MdnsEvent>> listeners = new CopyOnWriteArrayList<>();

	private final Map<PeerId, Instant> discovered = new ConcurrentHashMap<>();

	private final AtomicLong malformedPackets = new AtomicLong();

	private @Nullable Swarm swarm;

	private volatile @Nullable EventLoopGroup group;

	private volatile @Nullable Channel channel;

	private @Nullable NetworkInterface networkInterface;

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
		Channel current = this.channel;
		return current != null && current.isActive();
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
		NetworkInterface chosen;
		try {
			chosen = chooseInterface(this.config.networkInterface());
		}
		catch (SocketException ex) {
			logger.warn("mDNS disabled: {}", ex.getMessage());
			return;
		}
		this.networkInterface = chosen;
		EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
		this.group = loop;
		new Bootstrap().group(loop)
			.channelFactory(() -> new NioDatagramChannel(SocketProtocolFamily.INET))
			.option(ChannelOption.SO_REUSEADDR, true)
			.option(ChannelOption.IP_MULTICAST_IF, chosen)
			.option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(DnsMessage.MAX_PACKET))
			.handler(new PacketHandler())
			.bind(this.config.port())
			.addListener((bound) -> {
				if (!bound.isSuccess()) {
					logger.warn("mDNS disabled: cannot bind UDP port {}: {}", this.config.port(),
							bound.cause().getMessage());
					return;
				}
				DatagramChannel datagrams = (DatagramChannel) ((ChannelFuture) bound).channel();
				datagrams.joinGroup(groupAddress(), chosen).addListener((joined) -> {
					if (!joined.isSuccess()) {
						logger.warn("mDNS disabled: cannot join the group on {}: {}", chosen.getName(),
								joined.cause().getMessage());
						datagrams.close();
						return;
					}
					swarm.execute(() -> started(datagrams));
				});
			});
	}

	private void started(Channel datagrams) {
		if (this.detached) {
			datagrams.close();
			return;
		}
		this.channel = datagrams;
		logger.info("mDNS discovery on {} port {}", this.networkInterface, this.config.port());
		Swarm node = this.swarm;
		if (node != null) {
			this.queries = node.scheduler().scheduleRepeatedly(this::query, Duration.ZERO, this.config.queryInterval());
		}
	}

	@Override
	public void detached() {
		this.detached = true;
		this.queries.cancel();
		Channel current = this.channel;
		if (current != null) {
			current.close();
		}
		EventLoopGroup loop = this.group;
		if (loop != null) {
			loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
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
		if (!this.detached) {
			send(new DnsMessage(0, false,
					List.of(new DnsMessage.Question(this.config.serviceName(), DnsRecord.TYPE_PTR)), List.of(),
					List.of()));
		}
	}

	private void announce() {
		long ttl = this.config.ttl().toSeconds();
		List<DnsRecord> additionals = announcedAddresses().stream()
			.map((address) -> DNSADDR + address)
			.filter((text) -> text.length() <= 255)
			.limit(MAX_ANNOUNCED_ADDRESSES)
			.<DnsRecord>map((text) -> new DnsRecord.Txt(this.instanceName, ttl, List.of(text)))
			.toList();
		if (additionals.isEmpty()) {
			return;
		}
		send(new DnsMessage(0, true, List.of(),
				List.of(new DnsRecord.Ptr(this.config.serviceName(), ttl, this.instanceName)), additionals));
	}

	private void send(DnsMessage message) {
		Channel current = this.channel;
		if (current != null && current.isActive()) {
			current.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(message.encode()), groupAddress()));
		}
	}

	/**
	 * This node's listen addresses reachable over the chosen interface: wildcard
	 * addresses become the interface's own, and addresses of other interfaces are left
	 * out.
	 */
	private List<Multiaddr> announcedAddresses() {
		Swarm node = this.swarm;
		NetworkInterface chosen = this.networkInterface;
		if (node == null || chosen == null) {
			return List.of();
		}
		List<InetAddress> local = Collections.list(chosen.getInetAddresses());
		List<Multiaddr> announced = new ArrayList<>();
		for (Multiaddr listen : node.listenAddresses()) {
			List<MultiaddrComponent> components = listen.components();
			Protocol family = components.get(0).protocol();
			if (family != Protocol.IP4 && family != Protocol.IP6) {
				continue;
			}
			InetAddress address = inetAddress(components.get(0).value());
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
		if (!message.response()) {
			boolean asksForUs = message.questions()
				.stream()
				.anyMatch((question) -> question.name().equalsIgnoreCase(this.config.serviceName())
						&& (question.type() == DnsRecord.TYPE_PTR || question.type() == TYPE_ANY));
			if (asksForUs) {
				announce();
			}
			return;
		}
		Set<String> instances = message.answers()
			.stream()
			.filter((record) -> record instanceof DnsRecord.Ptr
					&& record.name().equalsIgnoreCase(this.config.serviceName()))
			.map((record) -> ((DnsRecord.Ptr) record).target().toLowerCase(Locale.ROOT))
			.collect(Collectors.toSet());
		if (instances.isEmpty()) {
			return;
		}
		Map<PeerId, List<Multiaddr>> addresses = new LinkedHashMap<>();
		Map<PeerId, Long> ttls = new HashMap<>();
		List<DnsRecord> records = new ArrayList<>(message.answers());
		records.addAll(message.additionals());
		for (DnsRecord record : records) {
			if (record instanceof DnsRecord.Txt txt && instances.contains(txt.name().toLowerCase(Locale.ROOT))) {
				for (String string : txt.strings()) {
					peerAddress(string).ifPresent((address) -> {
						PeerId peer = address.peerId().orElseThrow();
						List<Multiaddr> known = addresses.computeIfAbsent(peer, (key) -> new ArrayList<>());
						if (known.size() < PeerStore.MAX_ADDRESSES) {
							known.add(address);
						}
						ttls.merge(peer, txt.ttlSeconds(), Math::min);
					});
				}
			}
		}
		addresses.forEach((peer, found) -> heard(peer, found, Duration.ofSeconds(ttls.get(peer))));
	}

	private Optional<Multiaddr> peerAddress(String string) {
		if (!string.startsWith(DNSADDR)) {
			return Optional.empty();
		}
		try {
			Multiaddr address = Multiaddr.parse(string.substring(DNSADDR.length()));
			return address.peerId().isPresent() ? Optional.of(address) : Optional.empty();
		}
		catch (MultiaddrException ex) {
			return Optional.empty();
		}
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

	private InetSocketAddress groupAddress() {
		return new InetSocketAddress(GROUP, this.config.port());
	}

	private static NetworkInterface chooseInterface(@Nullable String name) throws SocketException {
		if (name != null) {
			NetworkInterface named = NetworkInterface.getByName(name);
			if (named == null || !named.isUp()) {
				throw new SocketException("network interface " + name + " is missing or down");
			}
			return named;
		}
		NetworkInterface loopback = null;
		for (NetworkInterface candidate : Collections.list(NetworkInterface.getNetworkInterfaces())) {
			if (!candidate.isUp() || !hasIpv4(candidate)) {
				continue;
			}
			if (candidate.isLoopback()) {
				loopback = candidate;
			}
			else if (candidate.supportsMulticast()) {
				return candidate;
			}
		}
		if (loopback == null) {
			throw new SocketException("no network interface with an IPv4 address is up");
		}
		return loopback;
	}

	private static boolean hasIpv4(NetworkInterface candidate) {
		return Collections.list(candidate.getInetAddresses()).stream().anyMatch(Inet4Address.class::isInstance);
	}

	private static InetAddress inetAddress(byte[] bytes) {
		try {
			return InetAddress.getByAddress(bytes);
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("not an IP address of 4 or 16 bytes", ex);
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

	private final class PacketHandler extends SimpleChannelInboundHandler<DatagramPacket> {

		@Override
		protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
			byte[] bytes = ByteBufUtil.getBytes(packet.content());
			DnsMessage message;
			try {
				message = DnsMessage.decode(bytes);
			}
			catch (DnsException ex) {
				Mdns.this.malformedPackets.incrementAndGet();
				logger.debug("malformed mDNS packet from {}: {}", packet.sender(), ex.getMessage());
				return;
			}
			Swarm node = Mdns.this.swarm;
			if (node != null) {
				node.execute(() -> received(message));
			}
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			logger.debug("mDNS socket error: {}", cause.getMessage());
		}

	}

}
