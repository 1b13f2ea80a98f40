package io.jlibp2p.swarm;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.jlibp2p.multiformats.Cidr;
import io.jlibp2p.multiformats.Multiaddr;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbound share of the connection pool: a total that leaves room for dials, a few
 * connections per remote address and per public subnet, exempt networks, and room given
 * back on close.
 */
class InboundCountsTest {

	private static final SwarmConfig.InboundLimits LIMITS = SwarmConfig.InboundLimits.DEFAULT;

	private static Multiaddr from(String ip, int port) {
		return Multiaddr.parse("/ip4/" + ip + "/tcp/" + port);
	}

	@Test
	void oneAddressGetsOnlyItsShare() {
		InboundCounts counts = new InboundCounts(LIMITS.withOpen(100, 2, 64));
		counts.added(from("203.0.113.9", 1));
		counts.added(from("203.0.113.9", 2));
		assertThat(counts.refusal(from("203.0.113.9", 3))).contains("2 per address");
		assertThat(counts.refusal(from("203.0.113.10", 1))).isNull();
		assertThat(counts.refusal(from("10.0.0.9", 1))).isNull();
		counts.removed(from("203.0.113.9", 1));
		assertThat(counts.refusal(from("203.0.113.9", 3))).isNull();
	}

	@Test
	void onePublicSubnetGetsOnlyItsShareButALanIsNotASubnetOfSybils() {
		InboundCounts counts = new InboundCounts(LIMITS.withOpen(100, 2, 3));
		for (int host = 1; host <= 3; host++) {
			counts.added(from("203.0.113." + host, 1));
			counts.added(from("10.0.0." + host, 1));
		}
		assertThat(counts.refusal(from("203.0.113.77", 1))).contains("3 per subnet");
		assertThat(counts.refusal(from("203.0.114.1", 1))).as("another /24").isNull();
		assertThat(counts.refusal(from("10.0.0.77", 1))).as("private addresses are not grouped").isNull();
		counts.removed(from("203.0.113.2", 1));
		assertThat(counts.refusal(from("203.0.113.77", 1))).isNull();
	}

	@Test
	void exemptNetworksCountOnlyInTheTotal() {
		InboundCounts counts = new InboundCounts(LIMITS.withOpen(3, 1, 1));
		counts.added(from("127.0.0.1", 1));
		counts.added(from("127.0.0.1", 2));
		assertThat(counts.refusal(from("127.0.0.1", 3))).isNull();
		counts.added(Multiaddr.parse("/memory/7"));
		assertThat(counts.refusal(from("127.0.0.1", 4))).contains("inbound connection limit of 3");

		InboundCounts proxied = new InboundCounts(
				LIMITS.withOpen(100, 1, 64).withPerAddress(8, 10, List.of(Cidr.parse("198.51.100.7/32"))));
		proxied.added(from("198.51.100.7", 1));
		proxied.added(from("127.0.0.1", 1));
		assertThat(proxied.refusal(from("198.51.100.7", 2))).as("a configured proxy").isNull();
		assertThat(proxied.refusal(from("127.0.0.1", 2))).as("loopback is no longer exempt").contains("per address");
	}

}
