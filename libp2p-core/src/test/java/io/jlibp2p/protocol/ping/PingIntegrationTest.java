package io.jlibp2p.protocol.ping;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.jlibp2p.codec.CloseReason;
import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.security.HandshakeException;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.swarm.SwarmEvent;
import io.jlibp2p.testing.Nodes;
import io.jlibp2p.transport.Connection;
import io.jlibp2p.transport.Direction;
import io.jlibp2p.transport.NetworkMetrics.UpgradeFailure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Two swarms in one JVM over real loopback TCP, Noise and yamux.
 */
class PingIntegrationTest {

	private final Nodes nodes = new Nodes();

	@AfterEach
	void close() {
		this.nodes.close();
	}

	private static Multiaddr listen(Swarm swarm) {
		return listen(swarm, "/ip4/127.0.0.1/tcp/0");
	}

	private static Multiaddr listen(Swarm swarm, String address) {
		return swarm.listen(Multiaddr.parse(address)).join().withPeerId(swarm.localPeer());
	}

	@ParameterizedTest
	@ValueSource(strings = { "/ip4/127.0.0.1/tcp/0", "/memory/0" })
	void dialsAuthenticatesAndPingsTenTimesOverOneStream(String listenAddress) {
		Ping dialerPing = new Ping(new PingConfig(null, Duration.ofSeconds(5), Duration.ofSeconds(60)));
		Swarm dialer = this.nodes.swarm(dialerPing);
		Swarm listener = this.nodes.swarm(new Ping(PingConfig.DEFAULT));
		List<SwarmEvent> listenerEvents = new CopyOnWriteArrayList<>();
		listener.addEventListener(listenerEvents::add);
		Multiaddr address = listen(listener, listenAddress);

		Connection connection = dialer.dial(address).join();
		assertThat(connection.remoteAddress()).isEqualTo(address.withoutPeerId());
		assertThat(connection.remotePeer()).isEqualTo(listener.localPeer());
		assertThat(connection.direction()).isEqualTo(Direction.OUTBOUND);
		assertThat(connection.security().protocol()).isEqualTo("/noise");
		await().atMost(5, TimeUnit.SECONDS)
			.until(() -> listenerEvents.stream()
				.anyMatch((event) -> event instanceof SwarmEvent.ConnectionEstablished established
						&& established.connection().remotePeer().equals(dialer.localPeer())));

		List<Duration> rtts = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			rtts.add(dialerPing.ping(listener.localPeer()).join());
		}
		assertThat(rtts).hasSize(10).allSatisfy((rtt) -> assertThat(rtt).isPositive());
		assertThat(connection.streamCount()).isEqualTo(1);
		assertThat(dialer.connections()).containsExactly(connection);
		assertThat(dialer.peerStore().get(listener.localPeer()).orElseThrow().latency()).isNotNull();
		assertThat(dialer.metrics().connectionsOpened(Direction.OUTBOUND)).isEqualTo(1);
		assertThat(listener.metrics().connectionsOpened(Direction.INBOUND)).isEqualTo(1);
		assertThat(dialer.metrics().streamsOpened()).containsEntry(PingProtocol.ID, 1L);
		assertThat(listener.metrics().streamsOpened()).containsEntry(PingProtocol.ID, 1L);
		assertThat(dialer.metrics().bytesWritten()).isGreaterThan(10 * PingProtocol.PAYLOAD_LENGTH);
		await().atMost(5, TimeUnit.SECONDS)
			.untilAsserted(() -> assertThat(listener.metrics().bytesRead()).isEqualTo(dialer.metrics().bytesWritten()));
	}

	@Test
	void sharesOneDialBetweenSimultaneousRequests() {
		Swarm dialer = this.nodes.swarm(new Ping(PingConfig.DEFAULT));
		Swarm listener = this.nodes.swarm(new Ping(PingConfig.DEFAULT));
		Multiaddr address = listen(listener);
		var first = dialer.dial(address);
		var second = dialer.dial(address);
		assertThat(first.join()).isSameAs(second.join());
		assertThat(dialer.dial(address).join()).isSameAs(first.join());
	}

	@Test
	void refusesAPeerOtherThanTheOneInTheAddress() {
		Swarm dialer = this.nodes.swarm(new Ping(PingConfig.DEFAULT));
		Swarm listener = this.nodes.swarm(new Ping(PingConfig.DEFAULT));
		Multiaddr bound = listener.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).join();
		PeerId impostor = PeerId.fromPublicKey(Keys.generate(KeyType.ED25519).publicKey());
		List<SwarmEvent> events = new CopyOnWriteArrayList<>();
		dialer.addEventListener(events::add);
		assertThatThrownBy(() -> dialer.dial(bound.withPeerId(impostor)).join()).isInstanceOf(CompletionException.class)
			.hasCauseInstanceOf(HandshakeException.class)
			.hasMessageContaining("but the remote peer is " + listener.localPeer());
		await().atMost(5, TimeUnit.SECONDS)
			.until(() -> events.stream().anyMatch(SwarmEvent.DialFailed.class::isInstance));
		assertThat(dialer.metrics().upgradeFailures(UpgradeFailure.PEER_MISMATCH)).isEqualTo(1);
		assertThat(dialer.connections()).isEmpty();
	}

	@Test
	void reportsPeriodicPingsAndDisconnects() {
		Ping periodic = new Ping(new PingConfig(Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(60)));
		List<PingEvent> pings = new CopyOnWriteArrayList<>();
		periodic.addListener(pings::add);
		Swarm dialer = this.nodes.swarm(periodic);
		Swarm listener = this.nodes.swarm(new Ping(PingConfig.DEFAULT));
		List<SwarmEvent> dialerEvents = new CopyOnWriteArrayList<>();
		dialer.addEventListener(dialerEvents::add);
		List<SwarmEvent> listenerEvents = new CopyOnWriteArrayList<>();
		listener.addEventListener(listenerEvents::add);
		Connection connection = dialer.dial(listen(listener)).join();
		await().atMost(10, TimeUnit.SECONDS).until(() -> pings.size() >= 3);
		assertThat(pings).allSatisfy((event) -> assertThat(event.succeeded()).isTrue());
		dialer.disconnect(listener.localPeer()).join();
		await().atMost(5, TimeUnit.SECONDS).until(() -> !connection.isOpen() && listener.connections().isEmpty());
		await().atMost(5, TimeUnit.SECONDS)
			.untilAsserted(() -> assertThat(dialerEvents).filteredOn(SwarmEvent.ConnectionClosed.class::isInstance)
				.singleElement()
				.extracting((event) -> ((SwarmEvent.ConnectionClosed) event).cause())
				.isEqualTo(new CloseReason(CloseReason.Cause.LOCAL, "disconnected on request")));
		await().atMost(5, TimeUnit.SECONDS)
			.untilAsserted(() -> assertThat(listenerEvents).filteredOn(SwarmEvent.ConnectionClosed.class::isInstance)
				.singleElement()
				.extracting((event) -> ((SwarmEvent.ConnectionClosed) event).cause().cause())
				.isEqualTo(CloseReason.Cause.REMOTE));
		assertThat(dialer.metrics().connectionsClosed(CloseReason.Cause.LOCAL)).isEqualTo(1);
		assertThat(listener.metrics().connectionsClosed(CloseReason.Cause.REMOTE)).isEqualTo(1);
	}

}
