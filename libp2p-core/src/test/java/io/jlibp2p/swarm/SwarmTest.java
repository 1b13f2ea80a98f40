package io.jlibp2p.swarm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jlibp2p.codec.CloseReason;
import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.resources.Resource;
import io.jlibp2p.resources.ResourceLimitException;
import io.jlibp2p.resources.ResourceLimits;
import io.jlibp2p.resources.ScopeKind;
import io.jlibp2p.swarm.SwarmEvent.ConnectionClosed;
import io.jlibp2p.swarm.SwarmEvent.ConnectionEstablished;
import io.jlibp2p.swarm.SwarmEvent.DialFailed;
import io.jlibp2p.swarm.SwarmEvent.IncomingConnectionFailed;
import io.jlibp2p.swarm.SwarmEvent.ListenerStarted;
import io.jlibp2p.testing.Simulation;
import io.jlibp2p.transport.Connection;
import io.jlibp2p.transport.NetworkMetrics.UpgradeFailure;
import io.jlibp2p.transport.StreamHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The swarm over real loopback TCP: events, connection limits, dial timeouts, dialing a
 * peer's several addresses, graceful close; and on virtual time, idle connections closed
 * unless a behaviour keeps them.
 */
class SwarmTest {

	private static final Multiaddr LOOPBACK = Multiaddr.parse("/ip4/127.0.0.1/tcp/0");

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
	}

	private Recorded swarm(UnaryOperator<SwarmConfig> config) {
		Swarm swarm = Swarm.builder()
			.identity(Keys.generate(KeyType.ED25519))
			.config(config.apply(SwarmConfig.DEFAULT))
			.build();
		this.resources.add(swarm);
		Recorded recorded = new Recorded(swarm, new CopyOnWriteArrayList<>());
		swarm.addEventListener(recorded.events()::add);
		return recorded;
	}

	private Recorded listening(UnaryOperator<SwarmConfig> config) {
		Recorded recorded = swarm(config);
		recorded.swarm().listen(LOOPBACK).join();
		return recorded;
	}

	private ServerSocket silentServer() throws IOException {
		ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.resources.add(server);
		return server;
	}

	private static Multiaddr tcp(int port) {
		return Multiaddr.parse("/ip4/127.0.0.1/tcp/" + port);
	}

	@Test
	void reportsListeningEstablishedAndClosedWithTheirCauses() {
		Recorded listener = listening(UnaryOperator.identity());
		Recorded dialer = swarm(UnaryOperator.identity());
		Multiaddr bound = listener.swarm().listenAddresses().get(0);
		await().atMost(10, TimeUnit.SECONDS).until(() -> listener.has(ListenerStarted.class));
		assertThat(listener.events()).singleElement().isEqualTo(new ListenerStarted(bound));

		Connection connection = dialer.swarm().dial(bound.withPeerId(listener.swarm().localPeer())).join();
		assertThat(connection.remotePeer()).isEqualTo(listener.swarm().localPeer());
		await().atMost(10, TimeUnit.SECONDS)
			.until(() -> listener.has(ConnectionEstablished.class) && dialer.has(ConnectionEstablished.class));

		dialer.swarm().disconnect(listener.swarm().localPeer()).join();
		await().atMost(10, TimeUnit.SECONDS)
			.until(() -> dialer.has(ConnectionClosed.class) && listener.has(ConnectionClosed.class));
		assertThat(dialer.first(ConnectionClosed.class).cause().cause()).isEqualTo(CloseReason.Cause.LOCAL);
		assertThat(listener.first(ConnectionClosed.class).cause().cause()).isEqualTo(CloseReason.Cause.REMOTE);
		assertThat(dialer.swarm().connections()).isEmpty();
		await().atMost(10, TimeUnit.SECONDS).until(() -> listener.swarm().connections().isEmpty());
	}

	@Test
	void listensOnSeveralAddressesAndIsReachableOnEach() {
		Recorded listener = listening(UnaryOperator.identity());
		Multiaddr memory = listener.swarm().listen(Multiaddr.parse("/memory/0")).join();
		Multiaddr secondTcp = listener.swarm().listen(LOOPBACK).join();
		assertThat(listener.swarm().listenAddresses()).hasSize(3).contains(memory, secondTcp);
		await().atMost(10, TimeUnit.SECONDS)
			.until(() -> listener.events().stream().filter(ListenerStarted.class::isInstance).count() == 3);
		for (Multiaddr address : listener.swarm().listenAddresses()) {
			Recorded dialer = swarm(UnaryOperator.identity());
			Connection connection = dialer.swarm().dial(address.withPeerId(listener.swarm().localPeer())).join();
			assertThat(connection.remoteAddress()).isEqualTo(address);
		}
		await().atMost(10, TimeUnit.SECONDS).until(() -> listener.swarm().connections().size() == 3);
	}

	@Test
	void refusesInboundConnectionsBeyondTheTotalLimit() {
		Recorded listener = listening((config) -> config.withLimits(new SwarmConfig.Limits(1, 4, 64, 64)));
		Multiaddr address = listener.swarm().listenAddresses().get(0).withPeerId(listener.swarm().localPeer());
		swarm(UnaryOperator.identity()).swarm().dial(address).join();
		await().atMost(10, TimeUnit.SECONDS).until(() -> listener.swarm().connections().size() == 1);

		CompletableFuture<Connection> second = swarm(UnaryOperator.identity()).swarm().dial(address);
		assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(Exception.class);
		await().atMost(10, TimeUnit.SECONDS).until(() -> listener.has(IncomingConnectionFailed.class));
		assertThat(listener.first(IncomingConnectionFailed.class).cause())
			.hasMessageContaining("connection limit of 1 reached");
		assertThat(listener.swarm().metrics().upgradeFailures(UpgradeFailure.LIMIT)).isEqualTo(1);
		assertThat(listener.swarm().connections()).hasSize(1);
	}

	@Test
	void socketsStayWithinTheFileDescriptorLimitBothWays() {
		UnaryOperator<SwarmConfig> oneSocket = (config) -> config
			.withResources(ResourceLimits.DEFAULT.withFileDescriptors(1));
		Recorded listener = listening(oneSocket);
		Multiaddr address = listener.swarm().listenAddresses().get(0).withPeerId(listener.swarm().localPeer());
		swarm(UnaryOperator.identity()).swarm().dial(address).join();
		assertThatThrownBy(() -> swarm(UnaryOperator.identity()).swarm().dial(address).join())
			.as("the listener's one socket is taken")
			.isInstanceOf(CompletionException.class);
		await().atMost(10, TimeUnit.SECONDS)
			.until(() -> listener.swarm().resourceManager().blocked(ScopeKind.SYSTEM, Resource.FILE_DESCRIPTORS) == 1);

		Swarm dialer = swarm(oneSocket).swarm();
		Recorded first = listening(UnaryOperator.identity());
		Recorded second = listening(UnaryOperator.identity());
		dialer.dial(first.swarm().listenAddresses().get(0).withPeerId(first.swarm().localPeer())).join();
		assertThatThrownBy(
				() -> dialer.dial(second.swarm().listenAddresses().get(0).withPeerId(second.swarm().localPeer()))
					.join())
			.hasCauseInstanceOf(ResourceLimitException.class);
		assertThat(dialer.resourceManager().systemUsage().fileDescriptors()).isOne();
	}

	@Test
	void refusesInboundConnectionsBeyondTheInboundShareButStillDials() {
		Recorded listener = listening(
				(config) -> config.withInbound(SwarmConfig.InboundLimits.DEFAULT.withOpen(1, 16, 64)));
		Multiaddr address = listener.swarm().listenAddresses().get(0).withPeerId(listener.swarm().localPeer());
		swarm(UnaryOperator.identity()).swarm().dial(address).join();
		await().atMost(10, TimeUnit.SECONDS).until(() -> listener.swarm().connections().size() == 1);
		assertThatThrownBy(() -> swarm(UnaryOperator.identity()).swarm().dial(address).join())
			.isInstanceOf(CompletionException.class);
		await().atMost(10, TimeUnit.SECONDS).until(() -> listener.has(IncomingConnectionFailed.class));
		assertThat(listener.first(IncomingConnectionFailed.class).cause())
			.hasMessageContaining("inbound connection limit of 1");
		Recorded other = listening(UnaryOperator.identity());
		assertThat(listener.swarm()
			.dial(other.swarm().listenAddresses().get(0).withPeerId(other.swarm().localPeer()))
			.join()
			.remotePeer()).as("its own dials still go out").isEqualTo(other.swarm().localPeer());
	}

	@Test
	void keepsAtMostTheConfiguredConnectionsToOnePeer() {
		Recorded listener = listening(UnaryOperator.identity());
		Recorded dialer = swarm((config) -> config.withLimits(new SwarmConfig.Limits(16, 1, 64, 64)));
		// Without /p2p/ the dialer cannot reuse or share a dial: both connect, and the
		// per-peer limit closes the second once the peer is known.
		Multiaddr bare = listener.swarm().listenAddresses().get(0);
		dialer.swarm().dial(bare).join();
		assertThatThrownBy(() -> dialer.swarm().dial(bare).get(10, TimeUnit.SECONDS))
			.hasMessageContaining("connection limit reached");
		assertThat(dialer.swarm().connections()).hasSize(1);
	}

	@Test
	void limitsDialsInProgressAndGivesUpOnASilentPeerAtTheDialTimeout() throws IOException {
		ServerSocket silent = silentServer();
		Recorded dialer = swarm((config) -> config.withTimeouts(config.timeouts().withDial(Duration.ofMillis(500)))
			.withLimits(new SwarmConfig.Limits(16, 4, 64, 1)));
		CompletableFuture<Connection> first = dialer.swarm().dial(tcp(silent.getLocalPort()));
		assertThatThrownBy(() -> dialer.swarm().dial(tcp(silent.getLocalPort())).join())
			.hasMessageContaining("1 dials are already in progress");

		assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).hasRootCauseInstanceOf(Exception.class);
		await().atMost(10, TimeUnit.SECONDS).until(() -> dialer.has(DialFailed.class));
		assertThat(dialer.first(DialFailed.class).address()).isEqualTo(tcp(silent.getLocalPort()));
		assertThat(dialer.swarm().metrics().upgradeFailures(UpgradeFailure.TIMEOUT)).isEqualTo(1);
		assertThat(dialer.swarm().metrics().dialsFailed()).isEqualTo(1);
		// the slot is free again
		assertThatThrownBy(() -> dialer.swarm().dial(tcp(silent.getLocalPort())).get(10, TimeUnit.SECONDS))
			.hasRootCauseInstanceOf(Exception.class);
	}

	@Test
	void refusesInboundConnectionsBeyondThoseBeingUpgradedAndTimesTheHandshakeOut() throws Exception {
		Recorded listener = listening(
				(config) -> config.withTimeouts(config.timeouts().withHandshake(Duration.ofSeconds(3)))
					.withLimits(new SwarmConfig.Limits(16, 4, 1, 64)));
		Multiaddr bound = listener.swarm().listenAddresses().get(0);
		int port = Integer.parseInt(bound.toString().substring(bound.toString().lastIndexOf('/') + 1));
		try (Socket holding = new Socket(InetAddress.getLoopbackAddress(), port)) {
			// the first agrees on Noise, then falls silent: it holds the one upgrade slot
			byte[] header = multistreamMessage("/multistream/1.0.0");
			byte[] noise = multistreamMessage("/noise");
			OutputStream out = holding.getOutputStream();
			out.write(header);
			out.write(noise);
			out.flush();
			holding.setSoTimeout(10_000);
			assertThat(holding.getInputStream().readNBytes(header.length + noise.length)).as("the listener's answers")
				.hasSize(header.length + noise.length);

			try (Socket refused = new Socket(InetAddress.getLoopbackAddress(), port)) {
				refused.setSoTimeout(10_000);
				assertThat(readToEnd(refused.getInputStream())).isZero();
			}
			await().atMost(10, TimeUnit.SECONDS)
				.until(() -> listener.swarm().metrics().upgradeFailures(UpgradeFailure.LIMIT) == 1);

			// and the silent one's handshake times out
			readToEnd(holding.getInputStream());
			await().atMost(10, TimeUnit.SECONDS)
				.until(() -> listener.swarm().metrics().upgradeFailures(UpgradeFailure.TIMEOUT) == 1);
			await().atMost(10, TimeUnit.SECONDS)
				.until(() -> listener.events()
					.stream()
					.filter(IncomingConnectionFailed.class::isInstance)
					.count() == 2);
		}
	}

	@Test
	void aPeerSendingGarbageLosesItsConnectionAndNobodyElseTheirs() throws Exception {
		Recorded listener = listening(UnaryOperator.identity());
		listener.swarm().handle("/echo/1.0.0", (connection, stream) -> stream.close());
		Recorded good = swarm(UnaryOperator.identity());
		Connection connection = good.swarm()
			.dial(listener.swarm().listenAddresses().get(0).withPeerId(listener.swarm().localPeer()))
			.join();
		Multiaddr bound = listener.swarm().listenAddresses().get(0);
		int port = Integer.parseInt(bound.toString().substring(bound.toString().lastIndexOf('/') + 1));
		try (Socket hostile = new Socket(InetAddress.getLoopbackAddress(), port)) {
			OutputStream out = hostile.getOutputStream();
			out.write(multistreamMessage("/multistream/1.0.0"));
			out.write(multistreamMessage("/noise"));
			out.write(new byte[] { 0, 40 });
			out.write(new byte[40]);
			out.flush();
			hostile.setSoTimeout(10_000);
			readToEnd(hostile.getInputStream());
		}
		await().atMost(10, TimeUnit.SECONDS)
			.until(() -> listener.swarm().metrics().upgradeFailures(UpgradeFailure.HANDSHAKE) == 1);
		assertThat(connection.isOpen()).isTrue();
		assertThat(connection.newStream(List.of("/echo/1.0.0"), (c, stream) -> {
		}).get(10, TimeUnit.SECONDS).protocol()).isEqualTo("/echo/1.0.0");
	}

	private static byte[] multistreamMessage(String protocol) {
		byte[] line = (protocol + "\n").getBytes(StandardCharsets.UTF_8);
		byte[] message = new byte[line.length + 1];
		message[0] = (byte) line.length;
		System.arraycopy(line, 0, message, 1, line.length);
		return message;
	}

	private static int readToEnd(InputStream in) throws IOException {
		int total = 0;
		byte[] buffer = new byte[256];
		for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
			total += read;
		}
		return total;
	}

	@Test
	void dialsEveryKnownAddressOfAPeerAndKeepsTheFirstThatConnects() throws IOException {
		Recorded listener = listening(UnaryOperator.identity());
		Recorded dialer = swarm(UnaryOperator.identity());
		ServerSocket closedPort = silentServer();
		Multiaddr dead = tcp(closedPort.getLocalPort());
		closedPort.close();
		dialer.swarm()
			.peerStore()
			.addAddresses(listener.swarm().localPeer(), List.of(dead, listener.swarm().listenAddresses().get(0)),
					Duration.ofMinutes(1));

		Connection connection = dialer.swarm().dial(listener.swarm().localPeer()).join();
		assertThat(connection.remoteAddress()).isEqualTo(listener.swarm().listenAddresses().get(0));
		assertThat(dialer.swarm().connections()).hasSize(1);

		Recorded stranger = swarm(UnaryOperator.identity());
		stranger.swarm().peerStore().addAddresses(listener.swarm().localPeer(), List.of(dead), Duration.ofMinutes(1));
		assertThatThrownBy(() -> stranger.swarm().dial(listener.swarm().localPeer()).join())
			.hasMessageContaining("all 1 addresses of " + listener.swarm().localPeer() + " failed");
		assertThatThrownBy(() -> stranger.swarm().dial(dialer.swarm().localPeer()).join())
			.hasMessageContaining("no known dialable address");
	}

	@Test
	void callersSharingADialEachHaveTheirOwnFuture() throws IOException {
		ServerSocket silent = silentServer();
		Recorded dialer = swarm((config) -> config.withTimeouts(config.timeouts().withDial(Duration.ofSeconds(3))));
		PeerId someone = PeerId.fromPublicKey(Keys.generate(KeyType.ED25519).publicKey());
		Multiaddr address = tcp(silent.getLocalPort()).withPeerId(someone);
		CompletableFuture<Connection> impatient = dialer.swarm().dial(address).orTimeout(100, TimeUnit.MILLISECONDS);
		CompletableFuture<Connection> patient = dialer.swarm().dial(address);
		CompletableFuture<Connection> cancelled = dialer.swarm().dial(address);
		assertThatThrownBy(impatient::join).hasCauseInstanceOf(TimeoutException.class);
		cancelled.cancel(true);
		assertThat(patient).as("one caller's timeout or cancel is not the others'").isNotDone();
		assertThatThrownBy(() -> patient.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
		assertThat(dialer.swarm().metrics().upgradeFailures(UpgradeFailure.TIMEOUT))
			.as("one shared attempt, timed out by the swarm")
			.isEqualTo(1);
	}

	@Test
	void refusesToDialItself() {
		Recorded node = listening(UnaryOperator.identity());
		Multiaddr own = node.swarm().listenAddresses().get(0).withPeerId(node.swarm().localPeer());
		assertThatThrownBy(() -> node.swarm().dial(own).join()).hasMessageContaining("does not dial itself");
		node.swarm().peerStore().addAddresses(node.swarm().localPeer(), List.of(own), Duration.ofMinutes(1));
		assertThatThrownBy(() -> node.swarm().dial(node.swarm().localPeer()).join())
			.hasMessageContaining("does not dial itself");
		assertThat(node.swarm().connections()).isEmpty();
	}

	@Test
	void closesGracefullyAndRefusesDialsAfterwards() {
		Recorded listener = listening(UnaryOperator.identity());
		Recorded dialer = swarm(UnaryOperator.identity());
		Multiaddr address = listener.swarm().listenAddresses().get(0).withPeerId(listener.swarm().localPeer());
		dialer.swarm().dial(address).join();
		// the dialer's upgrade can finish before the listener has admitted its side
		await().atMost(10, TimeUnit.SECONDS).until(() -> listener.swarm().connections().size() == 1);

		listener.swarm().close(Duration.ofSeconds(5));
		assertThat(listener.swarm().connections()).isEmpty();
		await().atMost(10, TimeUnit.SECONDS).until(() -> dialer.swarm().connections().isEmpty());
		assertThat(listener.swarm().metrics().connectionsClosed(CloseReason.Cause.LOCAL)).isEqualTo(1);
		await().atMost(10, TimeUnit.SECONDS).until(() -> dialer.has(ConnectionClosed.class));
		assertThat(dialer.first(ConnectionClosed.class).cause().cause()).isEqualTo(CloseReason.Cause.REMOTE);
		assertThatThrownBy(() -> listener.swarm().dial(Multiaddr.parse("/memory/4242")).join())
			.hasMessageContaining("the swarm is closed");
		assertThatThrownBy(() -> dialer.swarm().dial(address).get(10, TimeUnit.SECONDS))
			.hasRootCauseInstanceOf(Exception.class);
	}

	@Test
	void closesIdleConnectionsUnlessABehaviourKeepsThemAlive() {
		// Either side closes a connection it finds idle: the listener and one dialer keep
		// theirs alive, the quiet dialer does not.
		try (Simulation simulation = new Simulation()) {
			UnaryOperator<SwarmConfig> idle = (config) -> config
				.withTimeouts(config.timeouts().withIdle(Duration.ofSeconds(30)));
			Swarm listener = simulation
				.node((builder) -> builder.config(idle.apply(SwarmConfig.DEFAULT)).behaviour(new KeepAlive()));
			Swarm quiet = simulation.node((builder) -> builder.config(idle.apply(SwarmConfig.DEFAULT)));
			Swarm kept = simulation
				.node((builder) -> builder.config(idle.apply(SwarmConfig.DEFAULT)).behaviour(new KeepAlive()));
			simulation.connect(quiet, listener);
			simulation.connect(kept, listener);
			List<ConnectionClosed> closed = new CopyOnWriteArrayList<>();
			quiet.addEventListener((event) -> {
				if (event instanceof ConnectionClosed connectionClosed) {
					closed.add(connectionClosed);
				}
			});

			simulation.advance(Duration.ofSeconds(20));
			assertThat(quiet.connections()).hasSize(1);
			simulation.advance(Duration.ofSeconds(20));
			assertThat(quiet.connections()).isEmpty();
			assertThat(closed).singleElement()
				.satisfies((event) -> assertThat(event.cause().cause()).isEqualTo(CloseReason.Cause.IDLE));

			simulation.advance(Duration.ofMinutes(10));
			assertThat(kept.connections()).singleElement().satisfies((c) -> assertThat(c.isOpen()).isTrue());
		}
	}

	private record Recorded(Swarm swarm, List<SwarmEvent> events) {

		boolean has(Class<? extends SwarmEvent> type) {
			return this.events.stream().anyMatch(type::isInstance);
		}

		<E extends SwarmEvent> E first(Class<E> type) {
			return this.events.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
		}

	}

	private static final class KeepAlive implements NetworkBehaviour {

		@Override
		public Map<String, StreamHandler> protocols() {
			return Map.of();
		}

		@Override
		public boolean keepAlive(Connection connection) {
			return true;
		}

	}

}
