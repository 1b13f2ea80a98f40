package io.jlibp2p.spring.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.multiformats.Cidr;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.multiformats.MultiformatException;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.protocol.kad.AddressFilter;
import io.jlibp2p.protocol.kad.KadConfig;
import io.jlibp2p.protocol.mdns.MdnsConfig;
import io.jlibp2p.transport.KnownProtocols;

import static io.jlibp2p.spring.autoconfigure.PropertyChecks.requireEach;
import static io.jlibp2p.spring.autoconfigure.PropertyChecks.requireKnown;
import static io.jlibp2p.spring.autoconfigure.PropertyChecks.requireMultiaddrs;
import static io.jlibp2p.spring.autoconfigure.PropertyChecks.requirePositive;

/**
 * Configuration of the libp2p node, under {@code libp2p}.
 *
 * @param enabled whether to run a libp2p node at all
 * @param identity where the node's identity key is kept
 * @param listenAddresses multiaddrs to listen on, such as {@code /ip4/0.0.0.0/tcp/4001};
 * port 0 picks a free port
 * @param externalAddresses addresses others reach this node at, confirmed by the operator
 * (a public IP, a forwarded port): identify and the DHT advertise them, and a DHT in
 * {@code auto} mode serves while there is one
 * @param transports transports to run: {@code tcp} (epoll where it loads, NIO elsewhere)
 * and {@code memory} ({@code /memory/<n>} addresses, within one JVM)
 * @param security security protocols to offer, in order of preference: {@code /noise} is
 * the one available
 * @param muxers stream muxers to offer, in order of preference: {@code /yamux/1.0.0},
 * {@code /mplex/6.7.0}
 * @param connections connection limits and timeouts
 * @param ping the ping protocol
 * @param identify the identify protocol
 * @param rest the REST API
 * @param pubsub publish/subscribe
 * @param bootstrap peers to stay connected to
 * @param kad the Kademlia DHT
 * @param mdns discovery of peers on the local network by multicast DNS
 * @param pnet membership of a private network
 * @param gater allow and deny lists of peers and networks
 * @param resources the resource manager's limits on streams and memory
 * @param perf the perf protocol, to measure throughput to a peer
 * @param requestResponse the application's request-response protocols
 */
@ConfigurationProperties("libp2p")
public record Libp2pProperties(@DefaultValue("true") boolean enabled, @DefaultValue Identity identity,
		@DefaultValue("/ip4/127.0.0.1/tcp/0") List<String> listenAddresses,
		@DefaultValue List<String> externalAddresses, @DefaultValue( {
				"tcp", "memory" }) List<TransportKind> transports,
		@DefaultValue("/noise") List<String> security,
		@DefaultValue({ "/yamux/1.0.0", "/mplex/6.7.0" }) List<String> muxers, @DefaultValue Connections connections,
		@DefaultValue Ping ping, @DefaultValue Identify identify, @DefaultValue Rest rest,
		@DefaultValue PubsubProperties pubsub, @DefaultValue Bootstrap bootstrap, @DefaultValue Kad kad,
		@DefaultValue Mdns mdns, @DefaultValue Pnet pnet, @DefaultValue Gater gater, @DefaultValue Resources resources,
		@DefaultValue Perf perf, @DefaultValue RequestResponse requestResponse){

	public Libp2pProperties {
		requireMultiaddrs("libp2p.listen-addresses", listenAddresses);
		requireMultiaddrs("libp2p.external-addresses", externalAddresses);
		requireKnown("libp2p.muxers", () -> KnownProtocols.requireMuxers(muxers));
		requireKnown("libp2p.security", () -> KnownProtocols.requireSecurity(security));
		if (transports.isEmpty()) {
			throw new IllegalArgumentException("libp2p.transports must name at least one transport");
		}
	}

	/** The transports. */
	public enum TransportKind {

		/** TCP, for {@code /ip4|ip6/…/tcp/…} addresses. */
		TCP,

		/** In-memory connections within one JVM, for {@code /memory/<n>} addresses. */
		MEMORY

	}

	/**
	 * The node's identity.
	 *
	 * @param keyFile file holding the private key protobuf; created (readable by its
	 * owner only) when missing, refused when group or world can read it
	 * @param keyType type of a newly generated key
	 */
	public record Identity(@DefaultValue("libp2p-identity.key") Path keyFile,
			@DefaultValue("ED25519") KeyType keyType) {
	}

	/**
	 * Connection limits and timeouts.
	 *
	 * @param max connections open at once
	 * @param maxInbound of those, connections others opened, so that some room always
	 * stays for this node's own dials
	 * @param maxInboundPerIp connections others opened from one IP address (loopback
	 * exempt)
	 * @param maxPerPeer connections open at once to one peer
	 * @param maxPendingInbound inbound connections being secured at once
	 * @param maxPendingOutbound dials in progress at once
	 * @param dialTimeout how long a dial may take, connect and upgrade together
	 * @param handshakeTimeout how long a security handshake may take
	 * @param idleTimeout how long a connection without streams stays open unless a
	 * protocol keeps it
	 * @param shutdownTimeout how long stopping the node waits for connections to close
	 * @param lowWatermark connections the connection manager leaves open when it trims
	 * @param highWatermark connections open before the connection manager trims the least
	 * valuable inbound ones
	 * @param gracePeriod how long a new connection is spared from trimming
	 * @param maxInboundPerSubnet connections others opened from one public /24 or /48
	 * @param maxPendingInboundPerIp inbound connections from one IP address being secured
	 * at once
	 * @param acceptRatePerIp new connections accepted from one IP address a second (in
	 * bursts of twice as many)
	 * @param limitExempt networks the per-address and per-subnet limits and the accept
	 * rate do not apply to
	 */
	public record Connections(@DefaultValue("256") int max, @DefaultValue("192") int maxInbound,
			@DefaultValue("16") int maxInboundPerIp, @DefaultValue("4") int maxPerPeer,
			@DefaultValue("64") int maxPendingInbound, @DefaultValue("64") int maxPendingOutbound,
			@DefaultValue("30s") Duration dialTimeout, @DefaultValue("15s") Duration handshakeTimeout,
			@DefaultValue("60s") Duration idleTimeout, @DefaultValue("5s") Duration shutdownTimeout,
			@DefaultValue("160") int lowWatermark, @DefaultValue("192") int highWatermark,
			@DefaultValue("1m") Duration gracePeriod, @DefaultValue("64") int maxInboundPerSubnet,
			@DefaultValue("8") int maxPendingInboundPerIp, @DefaultValue("10") int acceptRatePerIp, @DefaultValue( {
					"127.0.0.0/8", "::1/128" }) List<String> limitExempt){

		public Connections {
			requirePositive("libp2p.connections.max", max);
			requirePositive("libp2p.connections.max-inbound", maxInbound);
			requirePositive("libp2p.connections.max-inbound-per-ip", maxInboundPerIp);
			requirePositive("libp2p.connections.max-per-peer", maxPerPeer);
			requirePositive("libp2p.connections.max-pending-inbound", maxPendingInbound);
			requirePositive("libp2p.connections.max-pending-outbound", maxPendingOutbound);
			requirePositive("libp2p.connections.dial-timeout", dialTimeout);
			requirePositive("libp2p.connections.handshake-timeout", handshakeTimeout);
			requirePositive("libp2p.connections.idle-timeout", idleTimeout);
			requirePositive("libp2p.connections.shutdown-timeout", shutdownTimeout);
			requirePositive("libp2p.connections.max-inbound-per-subnet", maxInboundPerSubnet);
			requirePositive("libp2p.connections.max-pending-inbound-per-ip", maxPendingInboundPerIp);
			requirePositive("libp2p.connections.accept-rate-per-ip", acceptRatePerIp);
			requireEach("libp2p.connections.limit-exempt", limitExempt, Cidr::parse);
		}

	}

	/**
	 * The ping protocol.
	 *
	 * @param enabled whether to answer and send pings
	 * @param interval how often to ping every connection, zero for never; pings do not
	 * keep a connection alive
	 * @param timeout how long one ping may take
	 */
	public record Ping(@DefaultValue("true") boolean enabled, @DefaultValue("15s") Duration interval,
			@DefaultValue("20s") Duration timeout) {

		public Ping {
			if (interval.isNegative()) {
				throw new IllegalArgumentException(
						"libp2p.ping.interval must be zero (never) or positive, not " + interval);
			}
			requirePositive("libp2p.ping.timeout", timeout);
		}

	}

	/**
	 * The identify protocol.
	 *
	 * @param enabled whether to identify peers and answer identify requests
	 * @param agentVersion what this node calls itself
	 * @param push whether to push address and protocol changes to connected peers
	 */
	public record Identify(@DefaultValue("true") boolean enabled, @DefaultValue("jlibp2p") String agentVersion,
			@DefaultValue("true") boolean push) {

		public Identify {
			if (agentVersion.isBlank()) {
				throw new IllegalArgumentException("libp2p.identify.agent-version must not be blank");
			}
		}

	}

	/**
	 * Bootstrap peers: dialed at start, kept connected, dialed again with a doubling
	 * back-off when lost.
	 *
	 * @param peers multiaddrs with {@code /p2p/}
	 * @param minBackoff the first wait before dialing a lost peer again
	 * @param maxBackoff the longest wait
	 */
	public record Bootstrap(@DefaultValue List<String> peers, @DefaultValue("1s") Duration minBackoff,
			@DefaultValue("5m") Duration maxBackoff) {

		public Bootstrap {
			requirePositive("libp2p.bootstrap.min-backoff", minBackoff);
			if (maxBackoff.compareTo(minBackoff) < 0) {
				throw new IllegalArgumentException("libp2p.bootstrap.max-backoff (" + maxBackoff
						+ ") must not be shorter than libp2p.bootstrap.min-backoff (" + minBackoff + ")");
			}
			for (String peer : peers) {
				Multiaddr address;
				try {
					address = Multiaddr.parse(peer);
				}
				catch (MultiformatException ex) {
					throw new IllegalArgumentException(
							"libp2p.bootstrap.peers: '" + peer + "' is not a multiaddr: " + ex.getMessage(), ex);
				}
				if (address.peerId().isEmpty()) {
					throw new IllegalArgumentException("libp2p.bootstrap.peers: '" + peer + "' lacks /p2p/<peer id>");
				}
			}
		}

	}

	/**
	 * The Kademlia DHT.
	 *
	 * @param enabled whether to run it
	 * @param mode {@code server} (answers requests, enters other nodes' tables),
	 * {@code client} (only asks) or {@code auto} (a server while
	 * {@code libp2p.external-addresses} or the application confirmed an external address)
	 * @param protocol the protocol id; a private DHT uses its own
	 * @param k bucket size and number of closest peers a lookup returns
	 * @param alpha requests a lookup keeps in flight
	 * @param queryTimeout how long a lookup may take
	 * @param recordTtl how long stored records live
	 * @param providerTtl how long provider records live
	 * @param refreshInterval how often the routing table is refreshed
	 * @param maxRecordSize the largest record value accepted
	 * @param openNamespaces record namespaces that accept any value (a newer record
	 * replaces an older one), such as {@code demo} for keys {@code /demo/…}; {@code pk}
	 * is always checked
	 * @param maxPeersPerIpGroup peers whose connection comes from one public /24 (IPv4)
	 * or /48 (IPv6) a routing-table bucket takes, against sybils; 0 for no limit;
	 * loopback, private, link-local and unique local addresses are exempt
	 * @param addressFilter which peer addresses answers pass on, both ways: {@code all},
	 * {@code public} (a DHT on the internet, go's WAN DHT: private and loopback addresses
	 * are neither stored, dialed nor handed out) or {@code private} (go's LAN DHT)
	 */
	public record Kad(@DefaultValue("true") boolean enabled, @DefaultValue("server") KadConfig.Mode mode,
			@DefaultValue(KadConfig.IPFS_PROTOCOL_ID) String protocol, @DefaultValue("20") int k,
			@DefaultValue("3") int alpha, @DefaultValue("10s") Duration queryTimeout,
			@DefaultValue("48h") Duration recordTtl, @DefaultValue("48h") Duration providerTtl,
			@DefaultValue("10m") Duration refreshInterval, @DefaultValue("16KB") DataSize maxRecordSize,
			@DefaultValue List<String> openNamespaces, @DefaultValue("2") int maxPeersPerIpGroup,
			@DefaultValue("all") AddressFilter addressFilter) {

		public Kad {
			for (String namespace : openNamespaces) {
				if (namespace.isEmpty() || namespace.contains("/") || namespace.equals("pk")) {
					throw new IllegalArgumentException("libp2p.kad.open-namespaces: '" + namespace
							+ "' is not a namespace that can be opened (no slashes, not pk)");
				}
			}
			if (!protocol.startsWith("/")) {
				throw new IllegalArgumentException("libp2p.kad.protocol must start with '/', not " + protocol);
			}
			requirePositive("libp2p.kad.k", k);
			requirePositive("libp2p.kad.alpha", alpha);
			requirePositive("libp2p.kad.query-timeout", queryTimeout);
			requirePositive("libp2p.kad.record-ttl", recordTtl);
			requirePositive("libp2p.kad.provider-ttl", providerTtl);
			requirePositive("libp2p.kad.refresh-interval", refreshInterval);
			requirePositive("libp2p.kad.max-record-size", maxRecordSize);
			if (maxPeersPerIpGroup < 0) {
				throw new IllegalArgumentException(
						"libp2p.kad.max-peers-per-ip-group must be zero (no limit) or positive, not "
								+ maxPeersPerIpGroup);
			}
		}

	}

	/**
	 * The REST API.
	 *
	 * @param enabled whether to serve it (in servlet web applications); off by default,
	 * as it is a remote control of the node
	 * @param basePath where it is served; set it in {@code libp2p.rest.base-path}
	 * @param timeout how long a dial or ping request may take before it fails with 504
	 * @param dialAllowed networks {@code POST /dial} may reach, in CIDR notation; none
	 * for any
	 * @param dialDenied networks {@code POST /dial} may not reach, such as the private
	 * ranges of the node's own network
	 * @param allowedClients networks requests to the API may come from; loopback by
	 * default, so that an application serving HTTP on every interface does not hand the
	 * node's remote control to its whole network
	 * @param streamHeartbeat how often a live stream of messages (server-sent events)
	 * sends a comment, so that a client that went away is noticed and its stream freed
	 */
	public record Rest(@DefaultValue("false") boolean enabled, @DefaultValue("/libp2p") String basePath,
			@DefaultValue("10s") Duration timeout, @DefaultValue List<String> dialAllowed,
			@DefaultValue List<String> dialDenied, @DefaultValue( {
					"127.0.0.0/8", "::1/128" }) List<String> allowedClients,
			@DefaultValue("15s") Duration streamHeartbeat){

		public Rest {
			if (!basePath.startsWith("/") || (basePath.length() > 1 && basePath.endsWith("/"))) {
				throw new IllegalArgumentException(
						"libp2p.rest.base-path must start with '/' and not end with one, not '" + basePath + "'");
			}
			requirePositive("libp2p.rest.timeout", timeout);
			requirePositive("libp2p.rest.stream-heartbeat", streamHeartbeat);
			requireEach("libp2p.rest.dial-allowed", dialAllowed, Cidr::parse);
			requireEach("libp2p.rest.dial-denied", dialDenied, Cidr::parse);
			requireEach("libp2p.rest.allowed-clients", allowedClients, Cidr::parse);
		}

	}

	/**
	 * Request-response protocols: the {@code @Libp2pProtocol} methods this node serves
	 * and the requests {@code Libp2pRequester} sends.
	 *
	 * @param timeout from opening a request's stream to its response, on both sides
	 * @param maxRequestSize the largest request sent or read
	 * @param maxResponseSize the largest response sent or read
	 * @param maxInboundPerPeer requests one peer may have in progress here at once, per
	 * protocol; more are refused
	 * @param maxOutboundPerPeer requests this node may have in progress to one peer at
	 * once, per protocol; more fail at once
	 */
	public record RequestResponse(@DefaultValue("10s") Duration timeout, @DefaultValue("1MB") DataSize maxRequestSize,
			@DefaultValue("10MB") DataSize maxResponseSize, @DefaultValue("16") int maxInboundPerPeer,
			@DefaultValue("16") int maxOutboundPerPeer) {

		public RequestResponse {
			requirePositive("libp2p.request-response.timeout", timeout);
			requirePositive("libp2p.request-response.max-request-size", maxRequestSize);
			requirePositive("libp2p.request-response.max-response-size", maxResponseSize);
			requirePositive("libp2p.request-response.max-inbound-per-peer", maxInboundPerPeer);
			requirePositive("libp2p.request-response.max-outbound-per-peer", maxOutboundPerPeer);
		}

	}

	/**
	 * The perf protocol: throughput measured to a peer, as iperf does.
	 *
	 * @param enabled whether to serve perf requests and run them from the REST API; off
	 * by default, since a perf server sends whatever its peers ask for
	 * @param maxBytes most bytes one run may upload or download, asked through the REST
	 * API or served to a peer
	 */
	public record Perf(@DefaultValue("false") boolean enabled, @DefaultValue("1GB") DataSize maxBytes) {

		public Perf {
			requirePositive("libp2p.perf.max-bytes", maxBytes);
		}

	}

	/**
	 * Discovery of peers on the local network by multicast DNS.
	 *
	 * @param enabled whether to announce this node and listen for others
	 * @param serviceName the DNS-SD service; private networks use their own
	 * @param queryInterval how often to ask the network for peers
	 * @param ttl how long an answer stays valid
	 * @param networkInterface the interface to use, such as {@code eth0}; by default the
	 * first one that is up, multicast-capable and not loopback
	 * @param port the UDP port; 5353 is the standard one
	 * @param dialDiscovered whether to connect to the peers found
	 */
	public record Mdns(@DefaultValue("false") boolean enabled,
			@DefaultValue(MdnsConfig.SERVICE_NAME) String serviceName, @DefaultValue("5m") Duration queryInterval,
			@DefaultValue("6m") Duration ttl, @Nullable String networkInterface, @DefaultValue("5353") int port,
			@DefaultValue("true") boolean dialDiscovered) {

		public Mdns {
			requirePositive("libp2p.mdns.query-interval", queryInterval);
			requirePositive("libp2p.mdns.ttl", ttl);
			if (port < 1 || port > 65535) {
				throw new IllegalArgumentException("libp2p.mdns.port must lie in [1, 65535], not " + port);
			}
		}

	}

	/**
	 * A private network: only nodes with the same pre-shared key connect (go's and js's
	 * pnet, with their swarm key file format). Give the key file or its content, not
	 * both.
	 *
	 * @param keyFile a swarm key file ({@code /key/swarm/psk/1.0.0/}, {@code /base16/} or
	 * {@code /base64/}, the key), readable by its owner only
	 * @param key the same content, from a secret the platform provides
	 */
	public record Pnet(@Nullable Path keyFile, @Nullable String key) {

		public Pnet {
			if (keyFile != null && key != null) {
				throw new IllegalArgumentException("libp2p.pnet.key-file and libp2p.pnet.key name one key: set one");
			}
		}

	}

	/**
	 * Which peers and networks may connect, both ways. Deny wins; with an allow list set,
	 * only what it allows gets in. The block list an operator changes at run time (REST
	 * {@code /gater/blocked-peers}) comes on top.
	 *
	 * @param allowPeers PeerIds let in; with this or {@code allow-networks} set, nothing
	 * else is
	 * @param denyPeers PeerIds kept out
	 * @param allowNetworks networks let in, in CIDR notation such as {@code 10.0.0.0/8}
	 * @param denyNetworks networks kept out, such as {@code 192.0.2.0/24}
	 */
	public record Gater(@DefaultValue List<String> allowPeers, @DefaultValue List<String> denyPeers,
			@DefaultValue List<String> allowNetworks, @DefaultValue List<String> denyNetworks) {

		public Gater {
			requireEach("libp2p.gater.allow-peers", allowPeers, PeerId::parse);
			requireEach("libp2p.gater.deny-peers", denyPeers, PeerId::parse);
			requireEach("libp2p.gater.allow-networks", allowNetworks, Cidr::parse);
			requireEach("libp2p.gater.deny-networks", denyNetworks, Cidr::parse);
		}

	}

	/**
	 * The resource manager: streams and memory per scope (system, transient, protocol,
	 * peer, connection, stream), every other scope's limits derived from the system's.
	 *
	 * @param maxMemory memory streams may reserve for buffers and yamux windows, in all;
	 * unset for an eighth of the maximum heap (at least 32 MB)
	 * @param maxStreams streams open at once in each direction, in all; 0 for one per 512
	 * KiB of maximum heap (between 512 and 8 192)
	 * @param allowPeers PeerIds whose streams and memory are counted but never refused
	 * @param allowNetworks networks (CIDR) whose connections are treated alike
	 * @param maxFileDescriptors sockets the node may hold at once, accepted and dialed; 0
	 * for half of the process's file descriptor limit (go's share)
	 */
	public record Resources(@Nullable DataSize maxMemory, @DefaultValue("0") int maxStreams,
			@DefaultValue List<String> allowPeers, @DefaultValue List<String> allowNetworks,
			@DefaultValue("0") int maxFileDescriptors) {

		public Resources {
			if (maxMemory != null) {
				requirePositive("libp2p.resources.max-memory", maxMemory);
			}
			if (maxStreams < 0) {
				throw new IllegalArgumentException(
						"libp2p.resources.max-streams must be 0 (scaled from the heap) or positive, not " + maxStreams);
			}
			requireEach("libp2p.resources.allow-peers", allowPeers, PeerId::parse);
			requireEach("libp2p.resources.allow-networks", allowNetworks, Cidr::parse);
			if (maxFileDescriptors < 0) {
				throw new IllegalArgumentException("libp2p.resources.max-file-descriptors must be 0 (half the "
						+ "process's limit) or positive, not " + maxFileDescriptors);
			}
		}

	}

}
