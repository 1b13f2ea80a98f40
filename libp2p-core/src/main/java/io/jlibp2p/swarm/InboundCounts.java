package io.jlibp2p.swarm;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.jlibp2p.multiformats.Cidr;
import io.jlibp2p.multiformats.Multiaddr;

/**
 * Counts inbound connections in all and per remote IP address, against lockout by
 * connections from a few addresses: the inbound share leaves room for this node's own
 * dials, and one address gets only so many. Loopback addresses are exempt from the
 * per-address count (tests and demos run many nodes on one host). Not thread-safe: the
 * pool guards it.
 */
final class InboundCounts {

	private final SwarmConfig.InboundLimits limits;

	private final Map<String, Integer> perIp = new HashMap<>();

	private int total;

	InboundCounts(SwarmConfig.InboundLimits limits) {
		this.limits = limits;
	}

	/**
	 * Returns why one more inbound connection from an address would be refused.
	 * @param remote the remote address
	 * @return the reason, or {@code null} if there is room
	 */
	@Nullable String refusal(Multiaddr remote) {
		if (this.total >= this.limits.connections()) {
			return "inbound connection limit of " + this.limits.connections() + " reached";
		}
		String ip = countedIp(remote);
		if (ip != null && this.perIp.getOrDefault(ip, 0) >= this.limits.perIp()) {
			return "inbound connection limit of " + this.limits.perIp() + " per address reached";
		}
		return null;
	}

	void added(Multiaddr remote) {
		this.total++;
		String ip = countedIp(remote);
		if (ip != null) {
			this.perIp.merge(ip, 1, Integer::sum);
		}
	}

	void removed(Multiaddr remote) {
		this.total--;
		String ip = countedIp(remote);
		if (ip != null) {
			this.perIp.computeIfPresent(ip, (key, count) -> (count > 1) ? count - 1 : null);
		}
	}

	private static @Nullable String countedIp(Multiaddr remote) {
		byte[] ip = Cidr.ip(remote).orElse(null);
		if (ip == null || Cidr.isLoopback(ip)) {
			return null;
		}
		return HexFormat.of().formatHex(ip);
	}

}
