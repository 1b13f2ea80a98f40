package io.jlibp2p.security.pnet;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jlibp2p.protocol.ping.Ping;
import io.jlibp2p.protocol.ping.PingConfig;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.swarm.SwarmConfig;
import io.jlibp2p.testing.Nodes;
import io.jlibp2p.transport.Connection;
import io.jlibp2p.transport.NetworkMetrics.UpgradeFailure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Two swarms over loopback TCP: with the same key they connect, ping and say they are
 * private; with another key, or one side without a key, the dial fails within the
 * handshake timeout and both sides count it as a private network failure.
 */
class PrivateNetworkTest {

	private final Nodes nodes = new Nodes();

	@AfterEach
	void close() {
		this.nodes.close();
	}

	private static PreSharedKey randomKey() {
		byte[] key = new byte[PreSharedKey.LENGTH];
		new SecureRandom().nextBytes(key);
		return PreSharedKey.of(key);
	}

	private Swarm node(@Nullable PreSharedKey key) {
		return node(key, new Ping(PingConfig.DEFAULT));
	}

	private Swarm node(@Nullable PreSharedKey key, Ping ping) {
		Swarm swarm = this.nodes.swarm((builder) -> {
			builder.behaviour(ping)
				.config(SwarmConfig.DEFAULT
					.withTimeouts(SwarmConfig.Timeouts.DEFAULT.withHandshake(Duration.ofSeconds(3))));
			if (key != null) {
				builder.privateNetwork(key);
			}
		});
		swarm.listen(Nodes.LOOPBACK_TCP).join();
		return swarm;
	}

	@Test
	void nodesWithTheSameKeyConnectAndPing() {
		PreSharedKey key = randomKey();
		Ping ping = new Ping(PingConfig.DEFAULT);
		Swarm dialer = node(key, ping);
		Swarm listener = node(key);
		Connection connection = dialer.dial(Nodes.dialable(listener)).join();
		assertThat(connection.remotePeer()).isEqualTo(listener.localPeer());
		assertThat(ping.ping(connection).join()).isPositive();
		assertThat(dialer.isPrivateNetwork()).isTrue();
		assertThat(this.nodes.swarm().isPrivateNetwork()).isFalse();
	}

	@Test
	void nodesWithAnotherKeyCannotConnect() {
		assertRefused(node(randomKey()), node(randomKey()));
	}

	@Test
	void aNodeWithoutTheKeyCannotConnectEitherWay() {
		PreSharedKey key = randomKey();
		assertRefused(node(null), node(key));
		assertRefused(node(key), node(null));
	}

	private static void assertRefused(Swarm dialer, Swarm listener) {
		long started = System.nanoTime();
		assertThatThrownBy(() -> dialer.dial(Nodes.dialable(listener)).join()).isInstanceOf(CompletionException.class);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
		Swarm keyed = dialer.isPrivateNetwork() ? dialer : listener;
		await().atMost(10, TimeUnit.SECONDS).until(() -> keyed.metrics().upgradeFailures(UpgradeFailure.PNET) > 0);
		assertThat(dialer.connections()).isEmpty();
		assertThat(listener.connections()).isEmpty();
	}

}
