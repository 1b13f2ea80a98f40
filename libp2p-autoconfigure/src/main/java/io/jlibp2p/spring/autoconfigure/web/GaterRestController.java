package io.jlibp2p.spring.autoconfigure.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.jlibp2p.peer.PeerId;
import io.jlibp2p.spring.autoconfigure.PeerBlockedEvent;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.transport.AllowBlockGater;
import io.jlibp2p.transport.ConnectionGater;

/**
 * The connection gater under {@code libp2p.rest.base-path}: its lists, what it refused,
 * and the block list an operator changes at run time. Blocking a peer closes its
 * connections at once.
 */
@RestController
@RequestMapping("${libp2p.rest.base-path:/libp2p}/gater")
public class GaterRestController {

	private final AllowBlockGater gater;

	private final Swarm swarm;

	private final ApplicationEventPublisher publisher;

	/**
	 * Creates the controller.
	 * @param gater the built-in gater
	 * @param swarm the node, whose connections to a blocked peer close
	 * @param publisher where {@link PeerBlockedEvent}s go
	 */
	public GaterRestController(AllowBlockGater gater, Swarm swarm, ApplicationEventPublisher publisher) {
		this.gater = gater;
		this.swarm = swarm;
		this.publisher = publisher;
	}

	/** The lists, the blocked peers and the refusals by checkpoint. */
	@GetMapping
	public GaterView gater() {
		Map<String, Long> refused = new LinkedHashMap<>();
		for (ConnectionGater.Checkpoint checkpoint : ConnectionGater.Checkpoint.values()) {
			refused.put(checkpoint.name().toLowerCase(Locale.ROOT), this.swarm.metrics().gaterRefusals(checkpoint));
		}
		return new GaterView(strings(this.gater.allowPeers()), strings(this.gater.denyPeers()),
				strings(this.gater.allowNetworks()), strings(this.gater.denyNetworks()),
				strings(this.gater.blockedPeers()), refused);
	}

	/**
	 * Blocks a peer and closes its connections.
	 * @param peerId the peer
	 * @return the gater afterwards
	 */
	@PutMapping("/blocked-peers/{peerId}")
	public GaterView block(@PathVariable String peerId) {
		PeerId peer = PeerId.parse(peerId);
		if (this.gater.block(peer)) {
			this.publisher.publishEvent(new PeerBlockedEvent(peer, true));
		}
		this.swarm.disconnect(peer);
		return gater();
	}

	/**
	 * Lifts a block.
	 * @param peerId the peer
	 * @return the gater afterwards
	 */
	@DeleteMapping("/blocked-peers/{peerId}")
	public GaterView unblock(@PathVariable String peerId) {
		PeerId peer = PeerId.parse(peerId);
		if (this.gater.unblock(peer)) {
			this.publisher.publishEvent(new PeerBlockedEvent(peer, false));
		}
		return gater();
	}

	private static List<String> strings(Iterable<?> values) {
		List<String> strings = new ArrayList<>();
		values.forEach((value) -> strings.add(value.toString()));
		return strings;
	}

	/**
	 * The gater.
	 *
	 * @param allowPeers peers let in; with an allow list set, nothing else is
	 * @param denyPeers peers kept out
	 * @param allowNetworks networks let in
	 * @param denyNetworks networks kept out
	 * @param blockedPeers peers blocked at run time
	 * @param refused connections refused so far, by checkpoint
	 */
	public record GaterView(List<String> allowPeers, List<String> denyPeers, List<String> allowNetworks,
			List<String> denyNetworks, List<String> blockedPeers, Map<String, Long> refused) {
	}

}
