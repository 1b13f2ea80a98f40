package io.jlibp2p.protocol.mdns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.multiformats.MultiaddrException;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.peer.PeerStore;

/**
 * libp2p's mDNS records (the discovery spec): a PTR query for the service, answered by a
 * PTR to this node's instance name with one {@code dnsaddr=} TXT record per address. Pure
 * functions over {@link DnsMessage}s.
 */
final class MdnsRecords {

	private static final String DNSADDR = "dnsaddr=";

	private static final int TYPE_ANY = 255;

	/**
	 * Addresses one answer carries at most: each TXT record takes at most 350 bytes (a
	 * 255-byte string, the instance name and the record's fields), so 16 of them and the
	 * PTR record always fit the 9000-byte packet.
	 */
	static final int MAX_ANNOUNCED_ADDRESSES = 16;

	private MdnsRecords() {
	}

	static DnsMessage query(String serviceName) {
		return new DnsMessage(0, false, List.of(new DnsMessage.Question(serviceName, DnsRecord.TYPE_PTR)), List.of(),
				List.of());
	}

	/**
	 * Announces addresses.
	 * @param serviceName the service
	 * @param instanceName this node's instance
	 * @param ttl how long the answer is valid
	 * @param addresses the addresses, with {@code /p2p/}
	 * @return the answer, or empty when no address fits
	 */
	static Optional<DnsMessage> announcement(String serviceName, String instanceName, Duration ttl,
			List<Multiaddr> addresses) {
		long seconds = ttl.toSeconds();
		List<DnsRecord> additionals = addresses.stream()
			.map((address) -> DNSADDR + address)
			.filter((text) -> text.length() <= 255)
			.limit(MAX_ANNOUNCED_ADDRESSES)
			.<DnsRecord>map((text) -> new DnsRecord.Txt(instanceName, seconds, List.of(text)))
			.toList();
		if (additionals.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new DnsMessage(0, true, List.of(),
				List.of(new DnsRecord.Ptr(serviceName, seconds, instanceName)), additionals));
	}

	/**
	 * Returns whether a message is a query for the service.
	 * @param message the message
	 * @param serviceName the service
	 * @return {@code true} for a PTR or ANY query naming it
	 */
	static boolean asksFor(DnsMessage message, String serviceName) {
		return !message.response() && message.questions()
			.stream()
			.anyMatch((question) -> question.name().equalsIgnoreCase(serviceName)
					&& (question.type() == DnsRecord.TYPE_PTR || question.type() == TYPE_ANY));
	}

	/**
	 * Reads the peers an answer announces: the {@code dnsaddr=} TXT records of the
	 * instances its PTR records name, at most {@link PeerStore#MAX_ADDRESSES} a peer.
	 * @param message the message
	 * @param serviceName the service
	 * @return each peer with its addresses and the shortest TTL of its records
	 */
	static Map<PeerId, Announced> peers(DnsMessage message, String serviceName) {
		if (!message.response()) {
			return Map.of();
		}
		Set<String> instances = message.answers()
			.stream()
			.filter((record) -> record instanceof DnsRecord.Ptr && record.name().equalsIgnoreCase(serviceName))
			.map((record) -> ((DnsRecord.Ptr) record).target().toLowerCase(Locale.ROOT))
			.collect(Collectors.toSet());
		if (instances.isEmpty()) {
			return Map.of();
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
		Map<PeerId, Announced> peers = new LinkedHashMap<>();
		addresses.forEach((peer, found) -> peers.put(peer, new Announced(found, Duration.ofSeconds(ttls.get(peer)))));
		return peers;
	}

	private static Optional<Multiaddr> peerAddress(String string) {
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

	/**
	 * A peer's addresses in one answer.
	 *
	 * @param addresses the addresses, with {@code /p2p/}
	 * @param ttl the shortest TTL of their records
	 */
	record Announced(List<Multiaddr> addresses, Duration ttl) {
	}

}
