package io.jlibp2p.swarm;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.jlibp2p.multiformats.Cidr;
import io.jlibp2p.multiformats.Multiaddr;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a listener decides before any handshake: upgrades in progress in all and per
 * address, and the rate at which one address may open connections.
 */
class AcceptLimiterTest {

	private static final Multiaddr ATTACKER = Multiaddr.parse("/ip4/203.0.113.9/tcp/1");

	private static final Multiaddr HONEST = Multiaddr.parse("/ip4/198.51.100.1/tcp/1");

	private final AtomicLong nanos = new AtomicLong();

	private AcceptLimiter limiter(int maxPending, int pendingPerIp, int perSecond) {
		return new AcceptLimiter(maxPending,
				SwarmConfig.InboundLimits.DEFAULT.withPerAddress(pendingPerIp, perSecond, Cidr.LOOPBACK),
				this.nanos::get);
	}

	@Test
	void anAddressOpensConnectionsOnlyAtItsRateAfterABurst() {
		AcceptLimiter limiter = limiter(10_000, 10_000, 10);
		int accepted = 0;
		for (int i = 0; i < 2_000; i++) {
			if (limiter.begin(ATTACKER) == null) {
				accepted++;
				limiter.end(ATTACKER);
			}
		}
		assertThat(accepted).as("a burst of twice the rate").isEqualTo(20);
		assertThat(limiter.begin(ATTACKER)).contains("more than 10 new connections a second");
		assertThat(limiter.begin(HONEST)).as("another address is not slowed").isNull();
		this.nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(500));
		for (int i = 0; i < 5; i++) {
			assertThat(limiter.begin(ATTACKER)).isNull();
		}
		assertThat(limiter.begin(ATTACKER)).as("half a second refilled five").isNotNull();
	}

	@Test
	void oneAddressCannotHoldEveryUpgradeSlot() {
		AcceptLimiter limiter = limiter(4, 2, 1_000);
		assertThat(limiter.begin(ATTACKER)).isNull();
		assertThat(limiter.begin(ATTACKER)).isNull();
		assertThat(limiter.begin(ATTACKER)).contains("2 inbound connections from one address");
		assertThat(limiter.begin(HONEST)).isNull();
		assertThat(limiter.begin(Multiaddr.parse("/ip4/127.0.0.1/tcp/1"))).isNull();
		assertThat(limiter.begin(Multiaddr.parse("/memory/3"))).contains("4 inbound connections are already");
		limiter.end(ATTACKER);
		assertThat(limiter.begin(ATTACKER)).isNull();
	}

	@Test
	void exemptAddressesAreNotRateLimited() {
		AcceptLimiter limiter = new AcceptLimiter(10,
				SwarmConfig.InboundLimits.DEFAULT.withPerAddress(8, 1, List.of(Cidr.parse("203.0.113.0/24"))),
				this.nanos::get);
		for (int i = 0; i < 100; i++) {
			assertThat(limiter.begin(ATTACKER)).isNull();
			limiter.end(ATTACKER);
		}
	}

}
