package io.jlibp2p.spring.autoconfigure.web;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.peer.PeerStore;
import io.jlibp2p.protocol.ping.Ping;
import io.jlibp2p.spring.autoconfigure.view.ConnectionView;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.transport.Connection;
import io.jlibp2p.transport.ConnectionGater;

/**
 * The node's REST API under {@code libp2p.rest.base-path} ({@code /libp2p} by default).
 * Request values are parsed before anything is done with them; failures become problem
 * details through {@link Libp2pProblemHandler}.
 */
@RestController
@RequestMapping("${libp2p.rest.base-path:/libp2p}")
public class Libp2pRestController {

	/**
	 * A multiaddr is at most 1 KiB in binary; its JSON text form fits well within this.
	 */
	private static final int MAX_DIAL_BODY = 4096;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Swarm swarm;

	private final @Nullable Ping ping;

	private final String agentVersion;

	private final Duration timeout;

	private final ConnectionGater dialPolicy;

	/**
	 * Creates the controller.
	 * @param swarm the node
	 * @param ping the ping behaviour, or {@code null} when ping is off
	 * @param agentVersion what the node calls itself
	 * @param timeout how long a dial or ping may take before the request fails with 504
	 * @param dialPolicy which addresses {@code POST /dial} may reach (its address check);
	 * others are refused with 403
	 */
	public Libp2pRestController(Swarm swarm, @Nullable Ping ping, String agentVersion, Duration timeout,
			ConnectionGater dialPolicy) {
		this.swarm = swarm;
		this.ping = ping;
		this.agentVersion = agentVersion;
		this.timeout = timeout;
		this.dialPolicy = dialPolicy;
	}

	/** The node: {@code {peerId, listenAddresses[], protocols[], agentVersion}}. */
	@GetMapping("/node")
	public NodeView node() {
		return new NodeView(this.swarm.localPeer().toString(),
				this.swarm.listenAddresses()
					.stream()
					.map((a) -> a.withPeerId(this.swarm.localPeer()).toString())
					.toList(),
				this.swarm.protocols(), this.agentVersion);
	}

	/** The connected peers, with what the peer store knows of them. */
	@GetMapping("/peers")
	public List<PeerView> peers() {
		return this.swarm.connections()
			.stream()
			.map(Connection::remotePeer)
			.distinct()
			.sorted()
			.map(this::peerView)
			.toList();
	}

	private PeerView peerView(PeerId peer) {
		PeerStore.PeerInfo info = this.swarm.peerStore().get(peer).orElse(null);
		List<ConnectionView> connections = this.swarm.connections()
			.stream()
			.filter((connection) -> connection.remotePeer().equals(peer))
			.map(ConnectionView::of)
			.toList();
		return new PeerView(peer.toString(),
				(info != null) ? info.addresses().stream().map(Multiaddr::toString).toList() : List.of(),
				(info != null) ? info.protocols().stream().sorted().toList() : List.of(), connections,
				(info != null && info.latency() != null) ? info.latency().toNanos() / 1e6 : null);
	}

	/** Dials a multiaddr, with or without {@code /p2p/}. */
	@PostMapping("/dial")
	public DialResult dial(HttpServletRequest request) throws Exception {
		RequestBodies.requireJson(request);
		byte[] body = RequestBodies.read(request, MAX_DIAL_BODY, "the dial request limit");
		String address;
		try {
			address = JSON.readTree(body).path("address").asString("");
		}
		catch (JacksonException ex) {
			address = "";
		}
		if (address.isBlank()) {
			throw new IllegalArgumentException("the body needs an address: {\"address\": \"/ip4/…/tcp/…/p2p/…\"}");
		}
		Multiaddr target = Multiaddr.parse(address);
		if (!this.dialPolicy.allowAddressDial(target.peerId().orElse(null), target.withoutPeerId())) {
			throw new DialForbiddenException(target);
		}
		Connection connection = await(this.swarm.dial(target));
		return new DialResult(connection.remotePeer().toString());
	}

	/** Closes every connection to a peer. */
	@DeleteMapping("/peers/{peerId}")
	public ResponseEntity<Void> disconnect(@PathVariable("peerId") String peerId) throws Exception {
		PeerId peer = PeerId.parse(peerId);
		if (this.swarm.connection(peer).isEmpty()) {
			throw new PeerNotFoundException(peer);
		}
		await(this.swarm.disconnect(peer));
		return ResponseEntity.noContent().build();
	}

	/** Pings a peer over its connection (or a new one to a known address). */
	@PostMapping("/peers/{peerId}/ping")
	public PingResult ping(@PathVariable("peerId") String peerId) throws Exception {
		PeerId peer = PeerId.parse(peerId);
		if (this.ping == null) {
			throw new ProtocolDisabledException("ping is disabled (libp2p.ping.enabled=false)");
		}
		requireReachable(this.swarm, peer);
		return new PingResult(await(this.ping.ping(peer)).toNanos() / 1e6);
	}

	/**
	 * Refuses a peer the node has neither a connection to nor an address of.
	 * @throws PeerNotFoundException for such a peer (a 404)
	 */
	static void requireReachable(Swarm swarm, PeerId peer) {
		if (swarm.connection(peer).isEmpty() && swarm.peerStore().addresses(peer).isEmpty()) {
			throw new PeerNotFoundException(peer);
		}
	}

	private <T> T await(CompletableFuture<T> future) throws Exception {
		return Futures.await(future, this.timeout);
	}

	/** Result of a dial. @param peerId the peer reached */
	public record DialResult(String peerId) {
	}

	/** Result of a ping. @param rttMs the round trip in milliseconds */
	public record PingResult(double rttMs) {
	}

	/**
	 * The node.
	 *
	 * @param peerId its PeerId
	 * @param listenAddresses where it listens, with {@code /p2p/}
	 * @param protocols the protocols it serves
	 * @param agentVersion what it calls itself
	 */
	public record NodeView(String peerId, List<String> listenAddresses, List<String> protocols, String agentVersion) {
	}

	/**
	 * A connected peer.
	 *
	 * @param peerId its PeerId
	 * @param addresses its known addresses
	 * @param protocols the protocols it said it supports
	 * @param connections the open connections to it
	 * @param latencyMs the last measured round trip, if any
	 */
	public record PeerView(String peerId, List<String> addresses, List<String> protocols,
			List<ConnectionView> connections, @Nullable Double latencyMs) {
	}

	/** No connection to, or known address of, a peer. */
	static final class PeerNotFoundException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		PeerNotFoundException(PeerId peer) {
			super("no connection to or known address of peer " + peer);
		}

	}

	/** An address outside {@code libp2p.rest.dial-allowed}, or in {@code dial-denied}. */
	static final class DialForbiddenException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		DialForbiddenException(Multiaddr address) {
			super(address + " is outside the networks the REST API may dial (libp2p.rest.dial-allowed, dial-denied)");
		}

	}

	/** A protocol the request needs is switched off. */
	static final class ProtocolDisabledException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		ProtocolDisabledException(String message) {
			super(message);
		}

	}

}
