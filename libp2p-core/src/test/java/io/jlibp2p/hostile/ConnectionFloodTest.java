package io.jlibp2p.hostile;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jlibp2p.multiformats.Cidr;
import io.jlibp2p.multiformats.Protocol;
import io.jlibp2p.protocol.ping.Ping;
import io.jlibp2p.protocol.ping.PingConfig;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.swarm.SwarmConfig;
import io.jlibp2p.testing.AttackWatch;
import io.jlibp2p.testing.Nodes;
import io.jlibp2p.transport.Connection;
import io.jlibp2p.transport.NetworkMetrics.UpgradeFailure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Attacks on the listener with raw TCP from 127.0.0.2, while honest peers on 127.0.0.1
 * (exempt from the per-address limits, as a configured proxy would be) keep pinging and
 * still get in: a slowloris of 1 000 idle connections, and 2 000 connection attempts a
 * second.
 */
class ConnectionFloodTest {

	private static final String ATTACKER_IP = "127.0.0.2";

	private static final long MEMORY_BOUND = 32L << 20;

	private static final PingConfig ON_REQUEST = new PingConfig(null, Duration.ofSeconds(5), Duration.ofSeconds(60));

	private final Nodes nodes = new Nodes();

	private final List<SocketChannel> sockets = new ArrayList<>();

	private final Swarm target = this.nodes.swarm((builder) -> builder.behaviour(new Ping(PingConfig.DEFAULT))
		.config(SwarmConfig.DEFAULT
			.withTimeouts(new SwarmConfig.Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(2),
					Duration.ofSeconds(60)))
			.withInbound(
					SwarmConfig.InboundLimits.DEFAULT.withPerAddress(8, 10, List.of(Cidr.parse("127.0.0.1/32"))))));

	@AfterEach
	void close() throws IOException {
		for (SocketChannel socket : this.sockets) {
			socket.close();
		}
		this.nodes.close();
	}

	@Test
	void aSlowlorisOfAThousandIdleConnectionsHoldsAtMostEightUpgradesAndLocksNobodyOut() throws Exception {
		InetSocketAddress listener = listen();
		Ping honestPing = new Ping(ON_REQUEST);
		Connection honest = this.nodes.swarm(honestPing).dial(Nodes.dialable(this.target)).join();
		try (AttackWatch watch = new AttackWatch(honestPing, honest)) {
			for (int i = 0; i < 1_000; i++) {
				this.sockets.add(connect(listener));
			}
			// Closed before any handshake: all but the 8 upgrades one address may hold.
			await().atMost(10, TimeUnit.SECONDS).until(() -> openSockets() <= 8);
			Connection latecomer = this.nodes.swarm(new Ping(PingConfig.DEFAULT))
				.dial(Nodes.dialable(this.target))
				.get(5, TimeUnit.SECONDS);
			assertThat(latecomer.isOpen()).isTrue();
			// The 8 silent ones end with the 2 s negotiation timeout.
			await().atMost(10, TimeUnit.SECONDS).until(() -> openSockets() == 0);
			watch.assertHonestPeerUnharmed(MEMORY_BOUND);
		}
		assertThat(this.target.metrics().upgradeFailures(UpgradeFailure.LIMIT)).isGreaterThanOrEqualTo(990);
		assertThat(this.target.metrics().upgradeFailures(UpgradeFailure.TIMEOUT)).isBetween(1L, 8L);
		assertThat(this.target.connections()).hasSize(2);
	}

	@Test
	void twoThousandAttemptsASecondFromOneAddressAreRefusedAtItsRate() throws Exception {
		InetSocketAddress listener = listen();
		Ping honestPing = new Ping(ON_REQUEST);
		Connection honest = this.nodes.swarm(honestPing).dial(Nodes.dialable(this.target)).join();
		long started = System.nanoTime();
		int attempts = 0;
		try (AttackWatch watch = new AttackWatch(honestPing, honest)) {
			while (System.nanoTime() - started < TimeUnit.SECONDS.toNanos(1)) {
				try (SocketChannel socket = connect(listener)) {
					attempts++;
				}
			}
			long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
			// A burst of 20, then 10 a second: everything else closed at once.
			long admitted = 20 + 10 * seconds;
			int made = attempts;
			await().atMost(10, TimeUnit.SECONDS)
				.until(() -> this.target.metrics().upgradeFailures(UpgradeFailure.LIMIT) >= made - admitted);
			watch.assertHonestPeerUnharmed(MEMORY_BOUND);
		}
		assertThat(attempts).as("attempts in one second").isGreaterThan(1_000);
		assertThat(this.target.metrics().upgradeFailures(UpgradeFailure.LIMIT)).isLessThan(attempts);
		Connection latecomer = this.nodes.swarm(new Ping(PingConfig.DEFAULT))
			.dial(Nodes.dialable(this.target))
			.get(5, TimeUnit.SECONDS);
		assertThat(latecomer.isOpen()).isTrue();
	}

	private InetSocketAddress listen() {
		this.target.listen(Nodes.LOOPBACK_TCP).join();
		return new InetSocketAddress("127.0.0.1",
				Integer.parseInt(this.target.listenAddresses().get(0).valueOf(Protocol.TCP).orElseThrow()));
	}

	private static SocketChannel connect(InetSocketAddress listener) throws IOException {
		SocketChannel socket = SocketChannel.open();
		socket.bind(new InetSocketAddress(ATTACKER_IP, 0));
		socket.connect(listener);
		socket.configureBlocking(false);
		return socket;
	}

	/** Counts the attacker's sockets the node has not closed yet. */
	private int openSockets() throws IOException {
		int open = 0;
		ByteBuffer sink = ByteBuffer.allocate(256);
		for (SocketChannel socket : this.sockets) {
			if (!socket.isOpen()) {
				continue;
			}
			sink.clear();
			int read;
			try {
				read = socket.read(sink);
			}
			catch (IOException reset) {
				read = -1;
			}
			if (read < 0) {
				socket.close();
			}
			else {
				open++;
			}
		}
		return open;
	}

}
