package io.jlibp2p.protocol.mdns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.testing.Nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Nodes in one JVM discovering each other by multicast on the loopback interface, on a
 * random port so that nothing on the machine's real port 5353 is disturbed.
 */
class MdnsDiscoveryTest {

	private final int port = ThreadLocalRandom.current().nextInt(20_000, 60_000);

	private final MdnsConfig config = MdnsConfig.DEFAULT.on("lo", this.port);

	private final Nodes nodes = new Nodes();

	@AfterEach
	void close() {
		this.nodes.close();
	}

	private Swarm node(Mdns mdns) {
		Swarm swarm = this.nodes.swarm(mdns);
		swarm.listen(Multiaddr.parse("/ip4/0.0.0.0/tcp/0")).join();
		return swarm;
	}

	private static Multiaddr loopbackAddress(Swarm swarm) {
		String port = swarm.listenAddresses().get(0).toString().replaceAll(".*/tcp/", "");
		return Multiaddr.parse("/ip4/127.0.0.1/tcp/" + port).withPeerId(swarm.localPeer());
	}

	@Test
	void twoNodesDiscoverEachOtherAndOneDials() {
		Mdns firstMdns = new Mdns(this.config.dialDiscovered(true));
		List<MdnsEvent> firstEvents = new CopyOnWriteArrayList<>();
		firstMdns.addListener(firstEvents::add);
		Swarm first = node(firstMdns);
		await().atMost(10, TimeUnit.SECONDS).until(firstMdns::isRunning);
		Mdns secondMdns = new Mdns(this.config);
		Swarm second = node(secondMdns);

		await().atMost(10, TimeUnit.SECONDS)
			.until(() -> firstMdns.discoveredPeers().contains(second.localPeer())
					&& secondMdns.discoveredPeers().contains(first.localPeer()));
		assertThat(firstEvents)
			.containsExactly(new MdnsEvent.Discovered(second.localPeer(), List.of(loopbackAddress(second))));
		assertThat(second.peerStore().addresses(first.localPeer())).contains(loopbackAddress(first).withoutPeerId());
		await().atMost(10, TimeUnit.SECONDS).until(() -> first.connection(second.localPeer()).isPresent());
		assertThat(secondMdns.discoveredPeers()).doesNotContain(second.localPeer());
	}

	@Test
	void aPeerThatStopsAnsweringExpires() {
		Mdns watcher = new Mdns(new MdnsConfig(MdnsConfig.SERVICE_NAME, Duration.ofHours(1), Duration.ofHours(1), "lo",
				this.port, false));
		List<MdnsEvent> events = new CopyOnWriteArrayList<>();
		watcher.addListener(events::add);
		node(watcher);
		await().atMost(10, TimeUnit.SECONDS).until(watcher::isRunning);
		Mdns leaving = new Mdns(new MdnsConfig(MdnsConfig.SERVICE_NAME, Duration.ofHours(1), Duration.ofSeconds(1),
				"lo", this.port, false));
		Swarm leaver = node(leaving);
		await().atMost(10, TimeUnit.SECONDS).until(() -> watcher.discoveredPeers().contains(leaver.localPeer()));
		leaver.close();

		await().atMost(10, TimeUnit.SECONDS).until(() -> events.contains(new MdnsEvent.Expired(leaver.localPeer())));
		assertThat(watcher.discoveredPeers()).isEmpty();
	}

	@Test
	void garbageAndForgedAnswersChangeNothing() throws Exception {
		Mdns mdns = new Mdns(this.config);
		Swarm node = node(mdns);
		await().atMost(10, TimeUnit.SECONDS).until(mdns::isRunning);
		PeerId stranger = PeerId.fromPublicKey(Keys.generate(KeyType.ED25519).publicKey());
		String instance = "forged." + MdnsConfig.SERVICE_NAME;
		try (DatagramChannel sender = DatagramChannel.open(StandardProtocolFamily.INET)) {
			sender.setOption(StandardSocketOptions.IP_MULTICAST_IF, NetworkInterface.getByName("lo"));
			InetSocketAddress group = new InetSocketAddress(InetAddress.getByName("224.0.0.251"), this.port);
			sender.send(ByteBuffer.wrap(new byte[] { 0, 0, (byte) 0x84, 0, 0, 1, 0, 0, (byte) 0xC0, 12 }), group);
			DnsMessage forged = new DnsMessage(0, true, List.of(),
					List.of(new DnsRecord.Ptr(MdnsConfig.SERVICE_NAME, 120, instance)),
					List.of(new DnsRecord.Txt(instance, 120,
							List.of("dnsaddr=/ip4/10.0.0.1/tcp/1/p2p/" + node.localPeer(), "dnsaddr=not a multiaddr",
									"dnsaddr=/ip4/10.0.0.2/tcp/1", "other=/ip4/10.0.0.3/tcp/1/p2p/" + stranger)),
							new DnsRecord.Txt("unrelated." + MdnsConfig.SERVICE_NAME, 120,
									List.of("dnsaddr=/ip4/10.0.0.4/tcp/1/p2p/" + stranger))));
			sender.send(ByteBuffer.wrap(forged.encode()), group);
		}

		await().atMost(10, TimeUnit.SECONDS).until(() -> mdns.malformedPackets() == 1);
		assertThat(mdns.discoveredPeers()).isEmpty();
		assertThat(node.peerStore().addresses(stranger)).isEmpty();
		assertThat(node.peerStore().addresses(node.localPeer())).isEmpty();
	}

}
