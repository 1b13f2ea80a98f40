package io.jlibp2p.hostile;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jlibp2p.codec.UvarintFrameDecoder;
import io.jlibp2p.codec.Uvarints;
import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.internal.proto.KadProto;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.multiformats.Multihash;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.protocol.identify.Identify;
import io.jlibp2p.protocol.identify.IdentifyConfig;
import io.jlibp2p.protocol.kad.KadConfig;
import io.jlibp2p.protocol.kad.KadMessages;
import io.jlibp2p.protocol.kad.KadPeer;
import io.jlibp2p.protocol.kad.Kademlia;
import io.jlibp2p.protocol.kad.MemoryStores;
import io.jlibp2p.protocol.kad.ProviderStore;
import io.jlibp2p.protocol.kad.RecordStore;
import io.jlibp2p.protocol.kad.RecordValidator;
import io.jlibp2p.protocol.ping.Ping;
import io.jlibp2p.protocol.ping.PingConfig;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.testing.AttackWatch;
import io.jlibp2p.testing.Nodes;
import io.jlibp2p.transport.Connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * DHT attacks over real TCP while an honest peer keeps pinging: one peer tries to fill
 * the record store with 2 000 records and the provider store with 2 000 keys, and gets
 * only its share of each; a lying server answers every lookup with twenty made-up closer
 * peers, none of which reaches the routing table, a connection or a lookup's result.
 */
class KadFloodTest {

	private static final long MEMORY_BOUND = 32L << 20;

	private static final PingConfig ON_REQUEST = new PingConfig(null, Duration.ofSeconds(5), Duration.ofSeconds(60));

	private static final KadConfig OPEN = KadConfig.DEFAULT.withValidators(Map.of("flood", RecordValidator.ACCEPT_ANY));

	private final Nodes nodes = new Nodes();

	@AfterEach
	void close() {
		this.nodes.close();
	}

	@Test
	void onePeerGetsOnlyItsShareOfTheRecordStore() throws Exception {
		RecordStore records = MemoryStores.records(10_000, 100);
		Swarm target = this.nodes.listening(new Identify(IdentifyConfig.DEFAULT), new Ping(ON_REQUEST),
				new Kademlia(OPEN, records, MemoryStores.providers(10_000, 20, 1_000)));
		Kademlia attackerDht = new Kademlia(OPEN);
		Swarm attacker = this.nodes.swarm(new Identify(IdentifyConfig.DEFAULT), attackerDht);
		attacker.dial(Nodes.dialable(target)).get(10, TimeUnit.SECONDS);
		await().atMost(10, TimeUnit.SECONDS).until(() -> attackerDht.tableSize() == 1);
		Ping ping = new Ping(ON_REQUEST);
		Connection honest = this.nodes.swarm(ping).dial(Nodes.dialable(target)).join();
		try (AttackWatch watch = new AttackWatch(ping, honest)) {
			for (int batch = 0; batch < 20; batch++) {
				List<CompletableFuture<Integer>> puts = new ArrayList<>();
				for (int i = 0; i < 100; i++) {
					byte[] key = ("/flood/" + batch + "-" + i).getBytes(StandardCharsets.UTF_8);
					puts.add(attackerDht.putValue(key, new byte[1024]).exceptionally((failure) -> 0));
				}
				CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
			}
			watch.assertHonestPeerUnharmed(MEMORY_BOUND);
		}
		assertThat(records.size()).as("records the flooding peer could store").isEqualTo(100);
	}

	@Test
	void onePeerGetsOnlyItsShareOfTheProviderStore() throws Exception {
		ProviderStore providers = MemoryStores.providers(10_000, 20, 1_000);
		Swarm target = this.nodes.listening(new Identify(IdentifyConfig.DEFAULT), new Ping(ON_REQUEST),
				new Kademlia(OPEN, MemoryStores.records(10_000, 100), providers));
		Kademlia attackerDht = new Kademlia(OPEN);
		Swarm attacker = this.nodes.swarm(new Identify(IdentifyConfig.DEFAULT), attackerDht);
		attacker.dial(Nodes.dialable(target)).get(10, TimeUnit.SECONDS);
		await().atMost(10, TimeUnit.SECONDS).until(() -> attackerDht.tableSize() == 1);
		Ping ping = new Ping(ON_REQUEST);
		Connection honest = this.nodes.swarm(ping).dial(Nodes.dialable(target)).join();
		List<byte[]> keys = new ArrayList<>();
		try (AttackWatch watch = new AttackWatch(ping, honest)) {
			Connection flooding = attacker.connections().get(0);
			long started = System.nanoTime();
			for (int batch = 0; batch < 20; batch++) {
				// The attack's pace, not a synchronisation: a batch is 200 streams (a
				// lookup and an ADD_PROVIDER a key), and a peer opening more than 512 a
				// second is cut off, which would lose announcements this test counts.
				LockSupport.parkNanos(started + batch * 500_000_000L - System.nanoTime());
				List<CompletableFuture<Integer>> announced = new ArrayList<>();
				for (int i = 0; i < 100; i++) {
					byte[] key = Multihash.sha256(("flood-" + batch + "-" + i).getBytes(StandardCharsets.UTF_8))
						.toBytes();
					keys.add(key);
					announced.add(attackerDht.provide(key).exceptionally((failure) -> 0));
				}
				CompletableFuture.allOf(announced.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
			}
			watch.assertHonestPeerUnharmed(MEMORY_BOUND);
			assertThat(flooding.isOpen()).as("the flooding peer's connection").isTrue();
		}
		// The store lives on the target's swarm thread: count there.
		long stored = target
			.call(() -> keys.stream().filter((key) -> !providers.get(key, target.scheduler().now()).isEmpty()).count())
			.get(10, TimeUnit.SECONDS);
		assertThat(stored).as("keys the flooding peer could announce itself for").isEqualTo(1_000);
	}

	@Test
	void sybilCloserPeersNeitherEnterTheTableNorDerailLookups() throws Exception {
		Kademlia dht = new Kademlia(KadConfig.DEFAULT);
		Swarm target = this.nodes.listening(new Identify(IdentifyConfig.DEFAULT), new Ping(ON_REQUEST), dht);
		List<Swarm> honest = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			Swarm server = this.nodes.listening(new Identify(IdentifyConfig.DEFAULT), new Kademlia(KadConfig.DEFAULT));
			server.dial(Nodes.dialable(target)).get(10, TimeUnit.SECONDS);
			honest.add(server);
		}
		Swarm liar = this.nodes.listening(new Identify(IdentifyConfig.DEFAULT));
		List<Multiaddr> sybilAddresses = List.of(Nodes.dialable(honest.get(0)).withoutPeerId(),
				Multiaddr.parse("/ip4/127.0.0.1/tcp/" + closedPort()), Multiaddr.parse("/ip4/0.0.0.0/tcp/4001"));
		Set<PeerId> sybils = ConcurrentHashMap.newKeySet();
		liar.handle(KadConfig.IPFS_PROTOCOL_ID,
				(connection, stream) -> stream.pipeline()
					.addLast(new UvarintFrameDecoder(1 << 16))
					.addLast(new SybilAnswers(sybils, sybilAddresses)));
		liar.dial(Nodes.dialable(target)).get(10, TimeUnit.SECONDS);
		await().atMost(10, TimeUnit.SECONDS).until(() -> dht.tableSize() == 5);
		Set<PeerId> answering = new HashSet<>();
		honest.forEach((server) -> answering.add(server.localPeer()));
		answering.add(liar.localPeer());

		Ping ping = new Ping(ON_REQUEST);
		Connection pinger = this.nodes.swarm(ping).dial(Nodes.dialable(target)).join();
		try (AttackWatch watch = new AttackWatch(ping, pinger)) {
			for (int i = 0; i < 20; i++) {
				List<KadPeer> closest = dht.closestPeers(("lookup-" + i).getBytes(StandardCharsets.UTF_8))
					.get(30, TimeUnit.SECONDS);
				assertThat(closest).extracting(KadPeer::id).containsExactlyInAnyOrderElementsOf(answering);
			}
			watch.assertHonestPeerUnharmed(MEMORY_BOUND);
		}
		assertThat(sybils).as("sybils the liar named").hasSizeGreaterThanOrEqualTo(20 * 20);
		Set<PeerId> inTable = new HashSet<>();
		dht.routingTable()
			.get(10, TimeUnit.SECONDS)
			.values()
			.forEach((bucket) -> bucket.forEach((entry) -> inTable.add(entry.peer())));
		assertThat(inTable).isEqualTo(answering);
		assertThat(target.connections()).extracting(Connection::remotePeer).doesNotContainAnyElementsOf(sybils);
		// Their unspecified address was dropped before anything was stored or dialed.
		assertThat(sybils).allSatisfy(
				(sybil) -> assertThat(target.peerStore().addresses(sybil)).doesNotContain(sybilAddresses.get(2)));
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	/**
	 * A DHT server that lies: every request gets twenty closer peers it made up, each
	 * with an address that belongs to another peer, a closed port and an unspecified
	 * address.
	 */
	private static final class SybilAnswers extends ChannelInboundHandlerAdapter {

		private final Set<PeerId> named;

		private final List<Multiaddr> addresses;

		SybilAnswers(Set<PeerId> named, List<Multiaddr> addresses) {
			this.named = named;
			this.addresses = addresses;
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			ByteBuf frame = (ByteBuf) msg;
			KadProto.Message request;
			try {
				request = KadProto.Message.parseFrom(frame.nioBuffer());
			}
			catch (InvalidProtocolBufferException ex) {
				ctx.close();
				return;
			}
			finally {
				frame.release();
			}
			KadProto.Message.Builder answer = KadProto.Message.newBuilder()
				.setType(request.getType())
				.setKey(request.getKey());
			for (int i = 0; i < 20; i++) {
				PeerId sybil = PeerId.fromPublicKey(Keys.generate(KeyType.ED25519).publicKey());
				this.named.add(sybil);
				answer.addCloserPeers(KadMessages.peer(new KadPeer(sybil, this.addresses)));
			}
			ctx.writeAndFlush(Uvarints.frame(answer.build().toByteArray()));
		}

	}

}
