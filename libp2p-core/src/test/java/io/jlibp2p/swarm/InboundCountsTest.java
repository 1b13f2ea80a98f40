package io.jlibp2p.swarm;

import org.junit.jupiter.api.Test;

import io.jlibp2p.multiformats.Multiaddr;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbound share of the connection pool: a total that leaves room for dials, a few
 * connections per remote address, loopback exempt, and room given back on close.
 */
class InboundCountsTest {

	private static Multiaddr from(String ip, int port) {
		return Multiaddr.parse("/ip4/" + ip + "/tcp/" + port);
	}

	@Test
	void oneAddressGetsOnlyItsShare() {
		InboundCounts counts = new InboundCounts(new SwarmConfig.InboundLimits(100, 2));
		counts.added(from("203.0.113.9", 1));
		counts.added(from("203.0.113.9", 2));
		assertThat(counts.refusal(from("203.0.113.9", 3))).contains("2 per address");
		assertThat(counts.refusal(from("203.0.113.10", 1))).isNull();
		assertThat(counts.refusal(from("10.0.0.9", 1))).isNull();
		counts.removed(from("203.0.113.9", 1));
		assertThat(counts.refusal(from("203.0.113.9", 3))).isNull();
	}

	@Test
	void loopbackIsExemptFromThePerAddressShareButNotFromTheTotal() {
		InboundCounts counts = new InboundCounts(new SwarmConfig.InboundLimits(3, 1));
		counts.added(from("127.0.0.1", 1));
		counts.added(from("127.0.0.1", 2));
		assertThat(counts.refusal(from("127.0.0.1", 3))).isNull();
		counts.added(Multiaddr.parse("/memory/7"));
		assertThat(counts.refusal(from("127.0.0.1", 4))).contains("inbound connection limit of 3");
	}

}
