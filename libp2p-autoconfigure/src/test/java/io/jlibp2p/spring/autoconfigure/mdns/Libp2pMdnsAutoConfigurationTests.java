package io.jlibp2p.spring.autoconfigure.mdns;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;

import io.jlibp2p.protocol.kad.KadConfig;
import io.jlibp2p.protocol.kad.Kademlia;
import io.jlibp2p.protocol.mdns.Mdns;
import io.jlibp2p.protocol.mdns.MdnsEvent;
import io.jlibp2p.spring.autoconfigure.Libp2pAutoConfiguration;
import io.jlibp2p.spring.autoconfigure.Libp2pRunners;
import io.jlibp2p.spring.autoconfigure.kad.Libp2pKadAutoConfiguration;
import io.jlibp2p.swarm.Swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code libp2p.mdns.*}: off unless enabled; two applications on the loopback interface
 * find and connect to each other, and listeners receive the discovery.
 */
class Libp2pMdnsAutoConfigurationTests {

	@TempDir
	Path directory;

	private final int port = ThreadLocalRandom.current().nextInt(20_000, 60_000);

	private ApplicationContextRunner runner(String keyName) {
		return Libp2pRunners.runner(this.directory.resolve(keyName), Libp2pAutoConfiguration.class,
				Libp2pMdnsAutoConfiguration.class, Libp2pKadAutoConfiguration.class);
	}

	@Test
	void isOffByDefault() {
		runner("node.key").run((context) -> assertThat(context).doesNotHaveBean(Mdns.class));
	}

	@Test
	void twoApplicationsDiscoverAndDialEachOther() {
		List<MdnsEvent> events = new CopyOnWriteArrayList<>();
		String[] mdns = { "libp2p.mdns.enabled=true", "libp2p.mdns.network-interface=lo",
				"libp2p.mdns.port=" + this.port };
		runner("first.key").withPropertyValues(mdns)
			.withBean(ApplicationListener.class,
					() -> (ApplicationListener<PayloadApplicationEvent<MdnsEvent>>) (event) -> events
						.add(event.getPayload()))
			.run((first) -> runner("second.key").withPropertyValues(mdns).run((second) -> {
				Swarm firstSwarm = first.getBean(Swarm.class);
				Swarm secondSwarm = second.getBean(Swarm.class);
				await().atMost(10, TimeUnit.SECONDS)
					.until(() -> firstSwarm.connection(secondSwarm.localPeer()).isPresent()
							&& secondSwarm.connection(firstSwarm.localPeer()).isPresent());
				assertThat(events).first()
					.isEqualTo(new MdnsEvent.Discovered(secondSwarm.localPeer(),
							List.of(secondSwarm.listenAddresses().get(0).withPeerId(secondSwarm.localPeer()))));
				MeterRegistry registry = new SimpleMeterRegistry();
				first.getBean(MdnsMeters.class).bindTo(registry);
				assertThat(registry.get("libp2p.mdns.peers").gauge().value()).isOne();
				assertThat(registry.get("libp2p.mdns.malformed").functionCounter().count()).isZero();
				// found by mDNS and connected, a server enters the DHT table
				await().atMost(10, TimeUnit.SECONDS).until(() -> first.getBean(Kademlia.class).tableSize() == 1);
			}));
	}

	@Test
	void externalAddressesTurnAnAutomaticDhtIntoAServer() {
		runner("node.key")
			.withPropertyValues("libp2p.kad.mode=auto", "libp2p.external-addresses=/ip4/203.0.113.7/tcp/4001")
			.run((context) -> {
				assertThat(context.getBean(Swarm.class).advertisedAddresses()).first()
					.hasToString("/ip4/203.0.113.7/tcp/4001");
				await().atMost(10, TimeUnit.SECONDS)
					.until(() -> context.getBean(Kademlia.class).mode() == KadConfig.Mode.SERVER);
			});
		runner("client.key").withPropertyValues("libp2p.kad.mode=auto")
			.run((context) -> assertThat(context.getBean(Kademlia.class).mode()).isEqualTo(KadConfig.Mode.CLIENT));
	}

}
