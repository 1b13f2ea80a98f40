package io.jlibp2p.hostile;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jlibp2p.codec.Uvarints;
import io.jlibp2p.internal.proto.PubsubProto;
import io.jlibp2p.muxer.StreamChannel;
import io.jlibp2p.protocol.ping.Ping;
import io.jlibp2p.protocol.ping.PingConfig;
import io.jlibp2p.protocol.pubsub.Pubsub;
import io.jlibp2p.protocol.pubsub.GossipsubConfig;
import io.jlibp2p.protocol.pubsub.MessageId;
import io.jlibp2p.protocol.pubsub.PubsubConfig;
import io.jlibp2p.protocol.pubsub.PubsubTopic;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.testing.AttackWatch;
import io.jlibp2p.testing.Nodes;
import io.jlibp2p.testing.RawPubsubPeer;
import io.jlibp2p.transport.Connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Gossipsub attacks by a peer writing raw RPCs on a pubsub stream over real TCP: 100 000
 * empty publishes in one frame, 100 000 subscriptions and then a disconnect, an IHAVE
 * flood, PRUNEs for 10 000 topics the node never joined and an IWANT flood. The node
 * refuses or bounds each while an honest peer keeps pinging.
 */
class PubsubFloodTest {

	private static final long MEMORY_BOUND = 32L << 20;

	private static final PingConfig ON_REQUEST = new PingConfig(null, Duration.ofSeconds(5), Duration.ofSeconds(60));

	private final Nodes nodes = new Nodes();

	private final Pubsub pubsub = new Pubsub(PubsubConfig.DEFAULT);

	private final Swarm target = this.nodes.listening(new Ping(ON_REQUEST), this.pubsub);

	@AfterEach
	void close() {
		this.nodes.close();
	}

	@Test
	void aHundredThousandEmptyPublishesInOneFrameResetTheStream() throws Exception {
		this.pubsub.subscribe("news").join();
		try (AttackWatch watch = honestWatch()) {
			StreamChannel stream = attackerStream().stream();
			byte[] empties = new byte[200_000];
			for (int i = 0; i < empties.length; i += 2) {
				empties[i] = 0x12; // field 2, publish, of length 0
			}
			stream.writeAndFlush(Uvarints.frame(empties));
			await().atMost(10, TimeUnit.SECONDS).until(() -> this.pubsub.metrics().malformedRpcs() == 1);
			await().atMost(10, TimeUnit.SECONDS).until(() -> !stream.isOpen() || stream.isInputShutdown());
			watch.assertHonestPeerUnharmed(MEMORY_BOUND);
		}
	}

	@Test
	void aHundredThousandSubscriptionsAreCappedAndForgottenOnDisconnect() throws Exception {
		this.pubsub.subscribe("news").join();
		try (AttackWatch watch = honestWatch()) {
			Attacker attacker = attackerStream();
			for (int rpc = 0; rpc < 100; rpc++) {
				PubsubProto.RPC.Builder subscriptions = PubsubProto.RPC.newBuilder();
				for (int i = 0; i < 1_000; i++) {
					subscriptions.addSubscriptions(PubsubProto.RPC.SubOpts.newBuilder()
						.setSubscribe(true)
						.setTopicid("sybil-topic-" + rpc + "-" + i));
				}
				attacker.send(subscriptions.build());
			}
			// "news" and 1 023 of the sybil topics: a peer's topics are capped at 1 024
			await().atMost(20, TimeUnit.SECONDS).until(() -> this.pubsub.topics().size() == 1024);
			attacker.connection().close().sync();
			await().atMost(20, TimeUnit.SECONDS).until(() -> this.pubsub.topics().size() == 1);
			watch.assertHonestPeerUnharmed(MEMORY_BOUND);
		}
		assertThat(this.pubsub.topics()).extracting(PubsubTopic::topic).containsExactly("news");
	}

	@Test
	void ihaveFloodsAndPrunesForUnknownTopicsAreBounded() throws Exception {
		this.pubsub.subscribe("news").join();
		try (AttackWatch watch = honestWatch()) {
			Attacker attacker = attackerStream();
			for (int rpc = 0; rpc < 100; rpc++) {
				PubsubProto.ControlIHave.Builder ihave = PubsubProto.ControlIHave.newBuilder().setTopicID("news");
				for (int i = 0; i < 5_000; i++) {
					ihave.addMessageIDs(ByteString.copyFromUtf8("advertised-" + rpc + "-" + i));
				}
				PubsubProto.ControlMessage.Builder control = PubsubProto.ControlMessage.newBuilder().addIhave(ihave);
				for (int i = 0; i < 100; i++) {
					control.addPrune(PubsubProto.ControlPrune.newBuilder()
						.setTopicID("never-joined-" + rpc + "-" + i)
						.setBackoff(3600));
				}
				attacker.send(PubsubProto.RPC.newBuilder().setControl(control).build());
			}
			await().atMost(20, TimeUnit.SECONDS).until(() -> attacker.connection().isOpen());
			watch.assertHonestPeerUnharmed(MEMORY_BOUND);
		}
		assertThat(this.pubsub.topics()).extracting(PubsubTopic::topic).containsExactly("news");
	}

	@Test
	void iwantFloodsGetAMessageRetransmittedAtMostThreeTimes() throws Exception {
		this.pubsub.subscribe("news").join();
		try (AttackWatch watch = honestWatch()) {
			// A hand-driven peer: a gossipsub router of its own would take the node's
			// replies as a reason to open a new stream, replacing the one it floods on.
			Swarm flooder = this.nodes.swarm();
			RawPubsubPeer raw = new RawPubsubPeer(flooder);
			raw.open(flooder.dial(Nodes.dialable(this.target)).join());
			raw.send(subscription("news"));
			await().atMost(10, TimeUnit.SECONDS)
				.until(() -> this.pubsub.topics().get(0).mesh().contains(flooder.localPeer()));
			MessageId id = this.pubsub.publish("news", "wanted".getBytes(StandardCharsets.UTF_8)).join();
			await().atMost(10, TimeUnit.SECONDS).until(() -> raw.messagesReceived() == 1);
			for (int rpc = 0; rpc < 100; rpc++) {
				// The id the node has once, and 4 999 it never had: each asks for the
				// message again, and each lookup costs the node.
				PubsubProto.ControlIWant.Builder iwant = PubsubProto.ControlIWant.newBuilder()
					.addMessageIDs(ByteString.copyFrom(id.toBytes()));
				for (int i = 1; i < 5_000; i++) {
					iwant.addMessageIDs(ByteString.copyFromUtf8("unknown-" + rpc + "-" + i));
				}
				raw.send(PubsubProto.RPC.newBuilder()
					.setControl(PubsubProto.ControlMessage.newBuilder().addIwant(iwant))
					.build());
			}
			// RPCs are handled in order: once this one is, every IWANT before it was.
			raw.send(subscription("after-the-flood"));
			await().atMost(20, TimeUnit.SECONDS)
				.until(() -> this.pubsub.topics()
					.stream()
					.anyMatch((topic) -> topic.topic().equals("after-the-flood")));
			int retransmissions = GossipsubConfig.DEFAULT.gossip().retransmission();
			await().atMost(10, TimeUnit.SECONDS).until(() -> raw.messagesReceived() >= 1 + retransmissions);
			watch.assertHonestPeerUnharmed(MEMORY_BOUND);
			assertThat(raw.messagesReceived()).isEqualTo(1 + retransmissions);
			assertThat(raw.isOpen()).isTrue();
		}
	}

	private static PubsubProto.RPC subscription(String topic) {
		return PubsubProto.RPC.newBuilder()
			.addSubscriptions(PubsubProto.RPC.SubOpts.newBuilder().setSubscribe(true).setTopicid(topic))
			.build();
	}

	private AttackWatch honestWatch() {
		Ping ping = new Ping(ON_REQUEST);
		Connection honest = this.nodes.swarm(ping).dial(Nodes.dialable(this.target)).join();
		return new AttackWatch(ping, honest);
	}

	/**
	 * Connects a peer that speaks gossipsub, so that the node takes its RPCs, and opens a
	 * second pubsub stream to write raw RPCs on: it replaces the first on the node.
	 */
	private Attacker attackerStream() throws Exception {
		Pubsub cover = new Pubsub(PubsubConfig.DEFAULT);
		Swarm attacker = this.nodes.swarm(cover);
		cover.subscribe("news").join();
		Connection connection = attacker.dial(Nodes.dialable(this.target)).join();
		await().atMost(10, TimeUnit.SECONDS)
			.until(() -> this.pubsub.topics().get(0).peers().contains(attacker.localPeer()));
		StreamChannel stream = connection.newStream(List.of(Pubsub.MESHSUB_V11), (c, opened) -> {
		}).get(10, TimeUnit.SECONDS);
		return new Attacker(connection, stream);
	}

	private record Attacker(Connection connection, StreamChannel stream) {

		void send(PubsubProto.RPC rpc) {
			this.stream.writeAndFlush(Uvarints.frame(rpc.toByteArray()));
		}

	}

}
