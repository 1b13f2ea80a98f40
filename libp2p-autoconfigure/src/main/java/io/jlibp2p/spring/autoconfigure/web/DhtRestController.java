package io.jlibp2p.spring.autoconfigure.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.multiformats.Multibase;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.protocol.kad.KadException;
import io.jlibp2p.protocol.kad.KadPeer;
import io.jlibp2p.protocol.kad.Kademlia;
import io.jlibp2p.protocol.kad.RoutingTable;

/**
 * The DHT REST API under {@code <base-path>/dht}. A key is the rest of the path after
 * {@code /records/} or {@code /providers/}: percent-encoded UTF-8 text (slashes stay
 * slashes, so {@code /pk/…} becomes {@code /records//pk/…}), or with
 * {@code ?encoding=base58btc} the key's bytes in base58btc, for binary keys such as
 * provider multihashes.
 */
@RestController
@RequestMapping("${libp2p.rest.base-path:/libp2p}/dht")
public class DhtRestController {

	private final Kademlia kad;

	private final Duration timeout;

	/**
	 * Creates the controller.
	 * @param kad the DHT
	 * @param timeout how long a request may wait for a lookup before it fails with 504
	 */
	public DhtRestController(Kademlia kad, Duration timeout) {
		this.kad = kad;
		this.timeout = timeout;
	}

	/** The routing table: buckets with their peers. */
	@GetMapping("/routing-table")
	public RoutingTableView routingTable() throws Exception {
		Map<Integer, List<RoutingTable.Entry>> buckets = Futures.await(this.kad.routingTable(), this.timeout);
		return new RoutingTableView(buckets.values().stream().mapToInt(List::size).sum(), buckets.entrySet()
			.stream()
			.map((bucket) -> new BucketView(bucket.getKey(), bucket.getValue()
				.stream()
				.map((entry) -> new TablePeerView(entry.peer().toString(),
						entry.addresses().stream().map(Multiaddr::toString).toList(), entry.lastSeen().toString()))
				.toList()))
			.toList());
	}

	/** Stores a record at the peers closest to its key. */
	@PutMapping("/records/**")
	public StoreResult putRecord(HttpServletRequest request,
			@RequestParam(name = "encoding", required = false) @Nullable String encoding) throws Exception {
		byte[] key = key(request, "/dht/records/", encoding);
		byte[] value = RequestBodies.read(request, this.kad.config().limits().maxRecordSize(), "the record size limit");
		return new StoreResult(Futures.await(this.kad.putValue(key, value), this.timeout));
	}

	/** Finds a record; its value is the response body. */
	@GetMapping("/records/**")
	public ResponseEntity<byte[]> getRecord(HttpServletRequest request,
			@RequestParam(name = "encoding", required = false) @Nullable String encoding) throws Exception {
		byte[] key = key(request, "/dht/records/", encoding);
		try {
			byte[] value = Futures.await(this.kad.getValue(key), this.timeout);
			return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM).body(value);
		}
		catch (KadException ex) {
			throw new NotFoundException(ex.getMessage());
		}
	}

	/** Announces this node as a provider of a key. */
	@PostMapping("/providers/**")
	public StoreResult provide(HttpServletRequest request,
			@RequestParam(name = "encoding", required = false) @Nullable String encoding) throws Exception {
		return new StoreResult(
				Futures.await(this.kad.provide(key(request, "/dht/providers/", encoding)), this.timeout));
	}

	/** Finds the providers of a key. */
	@GetMapping("/providers/**")
	public List<PeerView> providers(HttpServletRequest request,
			@RequestParam(name = "encoding", required = false) @Nullable String encoding) throws Exception {
		List<KadPeer> found = Futures.await(this.kad.findProviders(key(request, "/dht/providers/", encoding)),
				this.timeout);
		if (found.isEmpty()) {
			throw new NotFoundException("no peer provides this key");
		}
		return found.stream().map(PeerView::of).toList();
	}

	/** Finds a peer's addresses. */
	@GetMapping("/peers/{peerId}")
	public PeerView peer(@PathVariable("peerId") String peerId) throws Exception {
		PeerId peer = PeerId.parse(peerId);
		try {
			return PeerView.of(new KadPeer(peer, Futures.await(this.kad.findPeer(peer), this.timeout)));
		}
		catch (KadException ex) {
			throw new NotFoundException(ex.getMessage());
		}
	}

	private static byte[] key(HttpServletRequest request, String prefix, @Nullable String encoding) {
		String uri = request.getRequestURI();
		int start = uri.indexOf(prefix);
		String raw = (start >= 0) ? uri.substring(start + prefix.length()) : "";
		if (raw.isEmpty()) {
			throw new IllegalArgumentException("the key must not be empty");
		}
		if (encoding == null || encoding.isEmpty() || "text".equals(encoding)) {
			return PercentDecoding.decode(raw).getBytes(StandardCharsets.UTF_8);
		}
		if ("base58btc".equals(encoding)) {
			return Multibase.decode("z" + raw);
		}
		throw new IllegalArgumentException("encoding must be text or base58btc, not " + encoding);
	}

	/**
	 * The routing table.
	 *
	 * @param size peers in it
	 * @param buckets the non-empty buckets
	 */
	public record RoutingTableView(int size, List<BucketView> buckets) {
	}

	/**
	 * A bucket.
	 *
	 * @param index the common prefix length of its peers with this node
	 * @param peers its peers, least recently seen first
	 */
	public record BucketView(int index, List<TablePeerView> peers) {
	}

	/**
	 * A peer in the table.
	 *
	 * @param peerId its PeerId
	 * @param addresses its addresses
	 * @param lastSeen when it last proved alive
	 */
	public record TablePeerView(String peerId, List<String> addresses, String lastSeen) {
	}

	/**
	 * A peer found in the DHT.
	 *
	 * @param peerId its PeerId
	 * @param addresses its addresses
	 */
	public record PeerView(String peerId, List<String> addresses) {

		static PeerView of(KadPeer peer) {
			return new PeerView(peer.id().toString(), peer.addresses().stream().map(Multiaddr::toString).toList());
		}

	}

	/** Result of storing. @param peers how many peers took it */
	public record StoreResult(int peers) {
	}

}
