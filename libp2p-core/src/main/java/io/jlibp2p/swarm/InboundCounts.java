package io.jlibp2p.swarm;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.jlibp2p.multiformats.Cidr;
import io.jlibp2p.multiformats.Multiaddr;

/**
 * Counts open inbound connections in all, per remote IP address and per public subnet,
 * against lockout by connections from a few addresses: the inbound share leaves room for
 * this node's own dials, and one address or subnet gets only so many. Exempt addresses
 * (loopback by default) are counted in the total only; subnets group public addresses
 * only, so that the hosts of one LAN or cluster are not taken for sybils. Not
 * thread-safe: the pool guards it.
 */
final class InboundCounts {

	private final SwarmConfig.InboundLimits limits;

	private final Map<String, Integer> perIp = new HashMap<>();

	private final Map<String, Integer> perSubnet = new HashMap<>();

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
		byte[] ip = this.limits.limitedIp(remote);
		if (ip == null) {
			return null;
		}
		if (this.perIp.getOrDefault(SwarmConfig.InboundLimits.key(ip), 0) >= this.limits.perIp()) {
			return "inbound connection limit of " + this.limits.perIp() + " per address reached";
		}
		String subnet = publicSubnet(ip);
		if (subnet != null && this.perSubnet.getOrDefault(subnet, 0) >= this.limits.perSubnet()) {
			return "inbound connection limit of " + this.limits.perSubnet() + " per subnet reached";
		}
		return null;
	}

	void added(Multiaddr remote) {
		this.total++;
		count(remote, 1);
	}

	void removed(Multiaddr remote) {
		this.total--;
		count(remote, -1);
	}

	private void count(Multiaddr remote, int change) {
		byte[] ip = this.limits.limitedIp(remote);
		if (ip != null) {
			change(this.perIp, SwarmConfig.InboundLimits.key(ip), change);
			String subnet = publicSubnet(ip);
			if (subnet != null) {
				change(this.perSubnet, subnet, change);
			}
		}
	}

	private static void change(Map<String, Integer> counts, String key, int change) {
		counts.merge(key, change, (count, delta) -> (count + delta > 0) ? count + delta : null);
	}

	private static @Nullable String publicSubnet(byte[] ip) {
		return Cidr.isPublic(ip) ? Cidr.subnet(ip) : null;
	}

}
