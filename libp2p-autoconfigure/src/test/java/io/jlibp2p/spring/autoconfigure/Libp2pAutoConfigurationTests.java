package io.jlibp2p.spring.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.crypto.PrivateKey;
import io.jlibp2p.multiformats.Cidr;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.multiformats.Multibase;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.protocol.identify.Identify;
import io.jlibp2p.protocol.identify.IdentifyConfig;
import io.jlibp2p.protocol.perf.Perf;
import io.jlibp2p.protocol.ping.Ping;
import io.jlibp2p.protocol.ping.PingConfig;
import io.jlibp2p.resources.ResourceLimits;
import io.jlibp2p.spring.autoconfigure.web.Libp2pProblemHandler;
import io.jlibp2p.spring.autoconfigure.web.Libp2pRestController;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.swarm.SwarmConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(OutputCaptureExtension.class)
class Libp2pAutoConfigurationTests {

	@TempDir
	Path directory;

	private ApplicationContextRunner runner() {
		return Libp2pRunners.runner(this.directory.resolve("identity.key"), Libp2pAutoConfiguration.class);
	}

	@Test
	void runsANodeWithPingAndIdentifyByDefault() {
		runner().run((context) -> {
			assertThat(context).hasSingleBean(Swarm.class)
				.hasSingleBean(Ping.class)
				.hasSingleBean(Identify.class)
				.hasSingleBean(SwarmLifecycle.class);
			Swarm swarm = context.getBean(Swarm.class);
			assertThat(swarm.listenAddresses()).singleElement()
				.satisfies((address) -> assertThat(address.toString()).startsWith("/ip4/127.0.0.1/tcp/"));
			assertThat(swarm.protocols()).contains("/ipfs/ping/1.0.0", "/ipfs/id/1.0.0", "/ipfs/id/push/1.0.0");
		});
	}

	@Test
	void backsOffWhenDisabled() {
		runner().withPropertyValues("libp2p.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(Swarm.class).doesNotHaveBean(PrivateKey.class));
	}

	@Test
	void switchesProtocolsOffByProperty() {
		runner().withPropertyValues("libp2p.ping.enabled=false", "libp2p.identify.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(Ping.class).doesNotHaveBean(Identify.class);
			assertThat(context.getBean(Swarm.class).protocols()).isEmpty();
		});
	}

	@Test
	void describesTheNodeInTheInfoEndpoint() {
		runner().withPropertyValues("libp2p.identify.agent-version=orders/1.0").run((context) -> {
			Swarm swarm = context.getBean(Swarm.class);
			Info.Builder info = new Info.Builder();
			context.getBean(Libp2pInfoContributor.class).contribute(info);
			assertThat(info.build().getDetails()).containsEntry("libp2p",
					Map.of("peerId", swarm.localPeer().toString(), "agentVersion", "orders/1.0", "listenAddresses",
							List.of(swarm.listenAddresses().get(0).withPeerId(swarm.localPeer()).toString())));
		});
	}

	@Test
	void servesPerfOnlyWhenSwitchedOn() {
		runner().run((context) -> assertThat(context).doesNotHaveBean(Perf.class));
		runner().withPropertyValues("libp2p.perf.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(Perf.class);
			assertThat(context.getBean(Swarm.class).protocols()).contains(Perf.ID);
		});
	}

	@Test
	void createsTheIdentityKeyFileReadableByItsOwnerOnlyAndKeepsIt() throws Exception {
		Path keyFile = this.directory.resolve("identity.key");
		PeerId[] first = new PeerId[1];
		runner().run((context) -> first[0] = context.getBean(Swarm.class).localPeer());
		assertThat(Files.exists(keyFile)).isTrue();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
		runner().run((context) -> assertThat(context.getBean(Swarm.class).localPeer()).isEqualTo(first[0]));
	}

	@Test
	void neverLogsTheIdentityKey(CapturedOutput output) throws Exception {
		Path keyFile = this.directory.resolve("identity.key");
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		logging.setLogLevel("io.jlibp2p", LogLevel.TRACE);
		try {
			// created, then read again
			runner().run((context) -> assertThat(context).hasSingleBean(Swarm.class));
			runner().run((context) -> assertThat(context).hasSingleBean(Swarm.class));
		}
		finally {
			logging.setLogLevel("io.jlibp2p", null);
		}
		assertThat(output.getAll()).contains("io.jlibp2p");
		PrivateKey key = Keys.unmarshalPrivateKey(Files.readAllBytes(keyFile));
		byte[] marshalled = key.marshal();
		assertThat(output.getAll()).doesNotContain(HexFormat.of().formatHex(marshalled))
			.doesNotContain(Base64.getEncoder().encodeToString(marshalled))
			.doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(marshalled))
			.doesNotContain(Multibase.BASE58BTC.encode(marshalled).substring(1));
	}

	@Test
	void refusesAKeyFileOthersCanRead() throws Exception {
		Path keyFile = this.directory.resolve("identity.key");
		Files.write(keyFile, Keys.generate(KeyType.ED25519).marshal());
		Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
		runner().run((context) -> assertThat(context).hasFailed()
			.getFailure()
			.rootCause()
			.hasMessageContaining("libp2p.identity.key-file")
			.hasMessageContaining("chmod 600"));
	}

	@Test
	void generatesTheConfiguredKeyType() {
		runner().withPropertyValues("libp2p.identity.key-type=SECP256K1")
			.run((context) -> assertThat(context.getBean(PrivateKey.class).type()).isEqualTo(KeyType.SECP256K1));
	}

	@Test
	void failsStartUpOnAnInvalidListenAddressNamingTheProperty() {
		runner().withPropertyValues("libp2p.listen-addresses=/ip4/300.0.0.1/tcp/1")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("libp2p.listen-addresses: '/ip4/300.0.0.1/tcp/1' is not a multiaddr")
				.hasStackTraceContaining("octet 300 exceeds 255"));
	}

	@Test
	void runsOnlyTheConfiguredTransportsAndSecurity() {
		runner().withPropertyValues("libp2p.transports=memory", "libp2p.listen-addresses=/memory/0")
			.run((context) -> assertThat(context.getBean(Swarm.class).listenAddresses()).singleElement()
				.satisfies((address) -> assertThat(address.toString()).startsWith("/memory/")));
		runner().withPropertyValues("libp2p.transports=tcp", "libp2p.listen-addresses=/memory/0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("no transport can listen on /memory/0"));
		runner().withPropertyValues("libp2p.security=/tls/1.0.0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("libp2p.security")
				.hasMessageContaining("the known ones are [/noise]"));
	}

	@Test
	void appliesTheConnectionPingAndIdentifyProperties() {
		runner()
			.withPropertyValues("libp2p.connections.max=10", "libp2p.connections.max-per-peer=2",
					"libp2p.connections.max-pending-inbound=3", "libp2p.connections.max-pending-outbound=4",
					"libp2p.connections.dial-timeout=7s", "libp2p.connections.handshake-timeout=3s",
					"libp2p.connections.idle-timeout=2m", "libp2p.muxers=/mplex/6.7.0,/yamux/1.0.0",
					"libp2p.ping.interval=0", "libp2p.ping.timeout=4s", "libp2p.identify.agent-version=billing/1.2",
					"libp2p.identify.push=false", "libp2p.connections.low-watermark=5",
					"libp2p.connections.high-watermark=8", "libp2p.connections.grace-period=20s",
					"libp2p.connections.accept-rate-per-ip=3", "libp2p.connections.limit-exempt=10.0.0.0/8",
					"libp2p.resources.max-memory=64MB", "libp2p.resources.max-streams=100",
					"libp2p.resources.allow-networks=10.0.0.0/8", "libp2p.resources.max-file-descriptors=300")
			.run((context) -> {
				SwarmConfig config = context.getBean(Swarm.class).config();
				assertThat(List.of(config.limits().connections(), config.limits().perPeer(),
						config.limits().pendingInbound(), config.limits().pendingOutbound()))
					.containsExactly(10, 2, 3, 4);
				SwarmConfig.InboundLimits inbound = config.inbound();
				assertThat(List.of(inbound.connections(), inbound.perIp(), inbound.perSubnet(), inbound.pendingPerIp()))
					.containsExactly(192, 16, 64, 8);
				assertThat(List.of(inbound.acceptsPerSecond(), inbound.exempt())).containsExactly(3,
						List.of(Cidr.parse("10.0.0.0/8")));
				assertThat(config.resources().system())
					.isEqualTo(new ResourceLimits.ScopeLimits(100, 100, 64L << 20, 300));
				assertThat(config.resources().peer().memory()).isEqualTo(8L << 20);
				assertThat(config.resources().allowlist().networks()).containsExactly(Cidr.parse("10.0.0.0/8"));
				assertThat(config.resources().fileDescriptors()).isEqualTo(300);
				assertThat(config.watermarks()).isEqualTo(new SwarmConfig.Watermarks(5, 8, Duration.ofSeconds(20)));
				assertThat(List.of(config.timeouts().dial(), config.timeouts().handshake(), config.timeouts().idle()))
					.containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(3), Duration.ofMinutes(2));
				assertThat(config.muxers()).containsExactly("/mplex/6.7.0", "/yamux/1.0.0");
				PingConfig ping = context.getBean(Ping.class).config();
				assertThat(ping.interval()).isNull();
				assertThat(ping.timeout()).isEqualTo(Duration.ofSeconds(4));
				IdentifyConfig identify = context.getBean(Identify.class).config();
				assertThat(identify.agentVersion()).isEqualTo("billing/1.2");
				assertThat(identify.push()).isFalse();
			});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
							libp2p.connections.max=0                      | libp2p.connections.max must be at least 1, not 0
							libp2p.connections.max-per-peer=-1            | libp2p.connections.max-per-peer must be at least 1
							libp2p.connections.max-pending-inbound=0      | libp2p.connections.max-pending-inbound must be at least 1
							libp2p.connections.max-pending-outbound=0     | libp2p.connections.max-pending-outbound must be at least 1
							libp2p.connections.dial-timeout=0s            | libp2p.connections.dial-timeout must be positive
							libp2p.connections.handshake-timeout=-1s      | libp2p.connections.handshake-timeout must be positive
							libp2p.connections.idle-timeout=0s            | libp2p.connections.idle-timeout must be positive
							libp2p.connections.shutdown-timeout=-5s       | libp2p.connections.shutdown-timeout must be positive
							libp2p.connections.max=lots                   | libp2p.connections.max
							libp2p.connections.max-inbound-per-ip=0       | libp2p.connections.max-inbound-per-ip must be at least 1
							libp2p.muxers=/spdy/3.1.0                     | libp2p.muxers: unknown muxer /spdy/3.1.0
							libp2p.transports=quic                        | libp2p.transports
							libp2p.identity.key-type=DSA                  | libp2p.identity.key-type
							libp2p.ping.interval=-1s                      | libp2p.ping.interval must be zero (never) or positive
							libp2p.ping.timeout=0s                        | libp2p.ping.timeout must be positive
							libp2p.identify.agent-version=                | libp2p.identify.agent-version must not be blank
							libp2p.external-addresses=/ip4/1.2.3.4/tcp/x  | libp2p.external-addresses: '/ip4/1.2.3.4/tcp/x' is not a multiaddr
							libp2p.bootstrap.peers=/ip4/1.2.3.4/tcp/4001  | libp2p.bootstrap.peers: '/ip4/1.2.3.4/tcp/4001' lacks /p2p/
							libp2p.bootstrap.min-backoff=0s               | libp2p.bootstrap.min-backoff must be positive
							libp2p.bootstrap.max-backoff=100ms            | libp2p.bootstrap.max-backoff (PT0.1S) must not be shorter than libp2p.bootstrap.min-backoff
							libp2p.rest.base-path=api                     | libp2p.rest.base-path must start with '/'
							libp2p.rest.base-path=/api/                   | libp2p.rest.base-path must start with '/' and not end with one
							libp2p.rest.timeout=0s                        | libp2p.rest.timeout must be positive
							libp2p.rest.dial-denied=10.0.0.0/33           | libp2p.rest.dial-denied: '10.0.0.0/33'
							libp2p.kad.k=0                                | libp2p.kad.k must be at least 1
							libp2p.kad.protocol=kad                       | libp2p.kad.protocol must start with '/'
							libp2p.kad.max-record-size=0B                 | libp2p.kad.max-record-size must be positive
							libp2p.kad.mode=sometimes                     | libp2p.kad.mode
							libp2p.kad.max-peers-per-ip-group=-1          | libp2p.kad.max-peers-per-ip-group must be zero (no limit) or positive
					libp2p.kad.open-namespaces=pk                 | libp2p.kad.open-namespaces: 'pk' is not a namespace that can be opened
							libp2p.pubsub.max-message-size=0B             | libp2p.pubsub.max-message-size must be positive
							libp2p.pubsub.event-queue-capacity=0          | libp2p.pubsub.event-queue-capacity must be at least 1
							libp2p.mdns.port=70000                        | libp2p.mdns.port must lie in [1, 65535]
							libp2p.mdns.ttl=0s                            | libp2p.mdns.ttl must be positive
							libp2p.perf.max-bytes=0B                      | libp2p.perf.max-bytes must be positive
							""")
	void failsStartUpOnAnInvalidValueNamingTheProperty(String property, String message) {
		runner().withPropertyValues(property)
			.run((context) -> assertThat(context).hasFailed().getFailure().hasStackTraceContaining(message));
	}

	@Test
	void servesTheRestApiInServletApplicationsOnlyWhenSwitchedOn() {
		WebApplicationContextRunner web = new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(Libp2pAutoConfiguration.class))
			.withPropertyValues("libp2p.identity.key-file=" + this.directory.resolve("identity.key"));
		web.run((context) -> assertThat(context).hasSingleBean(Swarm.class)
			.doesNotHaveBean(Libp2pRestController.class)
			.doesNotHaveBean(Libp2pProblemHandler.class));
		web.withPropertyValues("libp2p.rest.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(Libp2pRestController.class)
				.hasSingleBean(Libp2pProblemHandler.class));
		runner().withPropertyValues("libp2p.rest.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(Libp2pRestController.class));
	}

	@Test
	void describesEveryPropertyInTheGeneratedMetadata() throws Exception {
		try (var in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			tools.jackson.databind.JsonNode metadata = tools.jackson.databind.json.JsonMapper.builder()
				.build()
				.readTree(in);
			List<String> undescribed = metadata.path("properties")
				.valueStream()
				.filter((property) -> property.path("description").asString("").isBlank())
				.map((property) -> property.path("name").asString())
				.toList();
			assertThat(metadata.path("properties").size()).isGreaterThan(50);
			assertThat(undescribed).isEmpty();
		}
	}

	@Test
	void userBeansWin() {
		PrivateKey key = Keys.generate(KeyType.ED25519);
		Ping ping = new Ping(PingConfig.DEFAULT);
		Identify identify = new Identify(IdentifyConfig.DEFAULT);
		runner().withBean(PrivateKey.class, () -> key)
			.withBean(Ping.class, () -> ping)
			.withBean(Identify.class, () -> identify)
			.run((context) -> {
				assertThat(context.getBean(Swarm.class).localPeer()).isEqualTo(PeerId.fromPublicKey(key.publicKey()));
				assertThat(context.getBean(Ping.class)).isSameAs(ping);
				assertThat(context.getBean(Identify.class)).isSameAs(identify);
			});
		Swarm own = Swarm.builder().identity(key).build();
		runner().withBean(Swarm.class, () -> own).run((context) -> {
			assertThat(context.getBean(Swarm.class)).isSameAs(own);
			assertThat(own.listenAddresses()).isNotEmpty();
		});
	}

	@Test
	void appliesCustomizers() {
		runner().withUserConfiguration(CustomizerConfiguration.class)
			.run((context) -> assertThat(context.getBean(Swarm.class).protocols()).contains("/custom/1.0.0"));
	}

	@Test
	void publishesStartAndPeerEventsAsApplicationEvents() {
		runner().withUserConfiguration(EventRecorder.class).run((first) -> {
			EventRecorder events = first.getBean(EventRecorder.class);
			assertThat(events.events).first().isInstanceOf(SwarmStartedEvent.class);
			Multiaddr address = ((SwarmStartedEvent) events.events.get(0)).listenAddresses().get(0);
			runner().withPropertyValues("libp2p.identity.key-file=" + this.directory.resolve("second.key"))
				.run((second) -> {
					second.getBean(Swarm.class).dial(address).get(10, TimeUnit.SECONDS);
					await().atMost(10, TimeUnit.SECONDS)
						.until(() -> events.events.stream().anyMatch(PeerConnectedEvent.class::isInstance));
				});
			await().atMost(10, TimeUnit.SECONDS)
				.until(() -> events.events.stream().anyMatch(PeerDisconnectedEvent.class::isInstance));
		});
	}

	@Test
	void aSlowPeerEventListenerHoldsUpNeitherTheNetworkNorTheProtocols() {
		runner().withUserConfiguration(BlockingListener.class).run((server) -> {
			BlockingListener listener = server.getBean(BlockingListener.class);
			Swarm serverSwarm = server.getBean(Swarm.class);
			runner().withPropertyValues("libp2p.identity.key-file=" + this.directory.resolve("client.key"))
				.run((client) -> {
					try {
						client.getBean(Swarm.class)
							.dial(serverSwarm.listenAddresses().get(0).withPeerId(serverSwarm.localPeer()))
							.get(10, TimeUnit.SECONDS);
						await().atMost(10, TimeUnit.SECONDS).until(() -> listener.blocked.getCount() == 0);
						// the listener holds the event thread; the server still answers a
						// ping
						// from the client and pings the client itself
						Duration rtt = client.getBean(Ping.class)
							.ping(serverSwarm.localPeer())
							.get(10, TimeUnit.SECONDS);
						assertThat(rtt).isPositive();
						assertThat(server.getBean(Ping.class)
							.ping(client.getBean(Swarm.class).localPeer())
							.get(10, TimeUnit.SECONDS)).isPositive();
					}
					finally {
						listener.release.countDown();
					}
				});
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class BlockingListener {

		final CountDownLatch blocked = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		@EventListener
		void onConnected(PeerConnectedEvent event) throws InterruptedException {
			this.blocked.countDown();
			this.release.await(30, TimeUnit.SECONDS);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		@Bean
		SwarmBuilderCustomizer customProtocol() {
			return (builder) -> builder.behaviour(new io.jlibp2p.swarm.NetworkBehaviour() {
				@Override
				public java.util.Map<String, io.jlibp2p.transport.StreamHandler> protocols() {
					return java.util.Map.of("/custom/1.0.0", (connection, stream) -> stream.close());
				}
			});
		}

	}

	static class EventRecorder implements ApplicationListener<org.springframework.context.PayloadApplicationEvent<?>> {

		final List<Object> events = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(org.springframework.context.PayloadApplicationEvent<?> event) {
			this.events.add(event.getPayload());
		}

	}

}
