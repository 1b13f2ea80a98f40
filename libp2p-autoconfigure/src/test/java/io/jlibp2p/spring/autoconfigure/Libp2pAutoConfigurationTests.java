package io.jlibp2p.spring.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.crypto.PrivateKey;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.protocol.identify.Identify;
import io.jlibp2p.protocol.ping.Ping;
import io.jlibp2p.swarm.Swarm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class Libp2pAutoConfigurationTests {

	@TempDir
	Path directory;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(Libp2pAutoConfiguration.class))
			.withPropertyValues("libp2p.identity.key-file=" + this.directory.resolve("identity.key"));
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
	void createsTheIdentityKeyFileReadableByItsOwnerOnlyAndKeepsIt() throws Exception {
		Path keyFile = this.directory.resolve("identity.key");
		PeerId[] first = new PeerId[1];
		runner().run((context) -> first[0] = context.getBean(Swarm.class).localPeer());
		assertThat(Files.exists(keyFile)).isTrue();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
		runner().run((context) -> assertThat(context.getBean(Swarm.class).localPeer()).isEqualTo(first[0]));
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
	void failsStartUpOnInvalidLimits() {
		runner().withPropertyValues("libp2p.connections.max=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("swarm limits must be positive"));
		runner().withPropertyValues("libp2p.muxers=/spdy/3.1.0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("unknown muxer /spdy/3.1.0"));
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
				.hasMessageContaining("/noise is the only one"));
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
		runner().withBean(PrivateKey.class, () -> key)
			.run((context) -> assertThat(context.getBean(Swarm.class).localPeer())
				.isEqualTo(PeerId.fromPublicKey(key.publicKey())));
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
