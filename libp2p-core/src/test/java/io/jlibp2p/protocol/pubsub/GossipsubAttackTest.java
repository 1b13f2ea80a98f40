package io.jlibp2p.protocol.pubsub;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import com.google.protobuf.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jlibp2p.internal.proto.PubsubProto;
import io.jlibp2p.muxer.StreamChannel;
import io.jlibp2p.protocol.pubsub.PubsubMetrics.Outcome;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.testing.RawPubsubPeer;
import io.jlibp2p.testing.Simulation;
import io.jlibp2p.transport.Connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Misbehaving peers against gossipsub's scoring and limits, on virtual time.
 */
class GossipsubAttackTest {

	private static final String TOPIC = "guarded";

	private final Simulation simulation = new Simulation();

	private final Map<Swarm, Pubsub> pubsubs = new HashMap<>();

	@AfterEach
	void close() {
		this.simulation.close();
	}

	private Swarm node() {
		Pubsub pubsub = new Pubsub(PubsubConfig.DEFAULT);
		pubsub.addValidator(TOPIC,
				MessageValidator.of((message) -> new String(message.data(), StandardCharsets.UTF_8).startsWith("bad")
						? ValidationResult.REJECT : ValidationResult.ACCEPT));
		Swarm swarm = this.simulation.node((builder) -> builder.behaviour(pubsub));
		this.pubsubs.put(swarm, pubsub);
		pubsub.subscribe(TOPIC).join();
		return swarm;
	}

	@Test
	void aPeerSendingInvalidMessagesIsPrunedThenGraylistedAndItsMessagesGoNoFurther() {
		Swarm honest = node();
		Swarm neighbour = node();
		Swarm attacker = node();
		this.simulation.connect(honest, neighbour);
		this.simulation.connect(attacker, honest);
		this.simulation.advance(Duration.ofSeconds(3));
		Pubsub guard = this.pubsubs.get(honest);
		assertThat(guard.topics().get(0).mesh()).contains(attacker.localPeer(), neighbour.localPeer());
		List<PubsubMessage> neighbourGot = new CopyOnWriteArrayList<>();
		this.pubsubs.get(neighbour).addListener(neighbourGot::add);

		this.pubsubs.get(attacker).publish(TOPIC, "bad 1".getBytes(StandardCharsets.UTF_8)).join();
		this.simulation.advance(Duration.ofSeconds(1));
		assertThat(guard.score(attacker.localPeer()).join()).isNegative();
		assertThat(guard.topics().get(0).mesh()).doesNotContain(attacker.localPeer()).contains(neighbour.localPeer());

		for (int i = 2; i <= 6; i++) {
			this.pubsubs.get(attacker).publish(TOPIC, ("bad " + i).getBytes(StandardCharsets.UTF_8)).join();
			this.simulation.advance(Duration.ofMillis(100));
		}
		assertThat(guard.score(attacker.localPeer()).join()).isLessThan(PeerScoreThresholds.DEFAULT.graylist());
		assertThat(guard.metrics().messages(Outcome.REJECTED)).isEqualTo(6);

		this.pubsubs.get(attacker).publish(TOPIC, "good, now".getBytes(StandardCharsets.UTF_8)).join();
		this.simulation.advance(Duration.ofSeconds(1));
		assertThat(guard.metrics().messages(Outcome.DROPPED)).isEqualTo(1);
		assertThat(guard.metrics().messages(Outcome.DELIVERED)).isZero();
		assertThat(neighbourGot).isEmpty();
		assertThat(this.pubsubs.get(neighbour).metrics().messages(Outcome.REJECTED)).isZero();
	}

	@Test
	void ihaveFloodsAreBoundedAndBrokenPromisesGraylistTheFlooder() {
		Swarm honest = node();
		Swarm flooder = this.simulation.node((builder) -> {
		});
		RawPubsubPeer raw = new RawPubsubPeer(flooder);
		Connection connection = this.simulation.connect(flooder, honest);
		raw.open(connection);
		raw.send(PubsubProto.RPC.newBuilder()
			.addSubscriptions(PubsubProto.RPC.SubOpts.newBuilder().setSubscribe(true).setTopicid(TOPIC))
			.build());
		this.simulation.advance(Duration.ofSeconds(2));

		Random random = new Random(7);
		for (int rpc = 0; rpc < 20; rpc++) {
			PubsubProto.ControlIHave.Builder ihave = PubsubProto.ControlIHave.newBuilder().setTopicID(TOPIC);
			for (int id = 0; id < 1000; id++) {
				byte[] bytes = new byte[40];
				random.nextBytes(bytes);
				ihave.addMessageIDs(ByteString.copyFrom(bytes));
			}
			raw.send(PubsubProto.RPC.newBuilder()
				.setControl(PubsubProto.ControlMessage.newBuilder().addIhave(ihave))
				.build());
		}
		this.simulation.advance(Duration.ofMillis(500));
		assertThat(raw.iwantIdsReceived()).isEqualTo(GossipsubConfig.DEFAULT.gossip().maxIHaveLength());

		this.simulation.advance(Duration.ofSeconds(4));
		Pubsub guard = this.pubsubs.get(honest);
		assertThat(guard.score(flooder.localPeer()).join()).isLessThan(PeerScoreThresholds.DEFAULT.graylist());
		assertThat(guard.topics().get(0).mesh()).doesNotContain(flooder.localPeer());
	}

	@Test
	void iwantFloodsGetAMessageRetransmittedAtMostThreeTimes() {
		Swarm honest = node();
		Swarm flooder = this.simulation.node((builder) -> {
		});
		RawPubsubPeer raw = new RawPubsubPeer(flooder);
		raw.open(this.simulation.connect(flooder, honest));
		raw.send(PubsubProto.RPC.newBuilder()
			.addSubscriptions(PubsubProto.RPC.SubOpts.newBuilder().setSubscribe(true).setTopicid(TOPIC))
			.build());
		this.simulation.advance(Duration.ofSeconds(2));
		MessageId id = this.pubsubs.get(honest).publish(TOPIC, "wanted".getBytes(StandardCharsets.UTF_8)).join();
		this.simulation.advance(Duration.ofMillis(100));
		assertThat(raw.messagesReceived()).isEqualTo(1);

		for (int i = 0; i < 10; i++) {
			raw.send(PubsubProto.RPC.newBuilder()
				.setControl(PubsubProto.ControlMessage.newBuilder()
					.addIwant(PubsubProto.ControlIWant.newBuilder().addMessageIDs(ByteString.copyFrom(id.toBytes()))))
				.build());
		}
		this.simulation.advance(Duration.ofMillis(100));
		assertThat(raw.messagesReceived()).isEqualTo(1 + GossipsubConfig.DEFAULT.gossip().retransmission());
	}

	@Test
	void aForgedCopyArrivingFirstDoesNotShadowTheRealMessage() {
		Swarm honest = node();
		Swarm forger = this.simulation.node((builder) -> {
		});
		RawPubsubPeer raw = new RawPubsubPeer(forger);
		raw.open(this.simulation.connect(forger, honest));
		List<PubsubMessage> got = new CopyOnWriteArrayList<>();
		this.pubsubs.get(honest).addListener(got::add);
		PubsubProto.Message real = MessageSigning.create(SignaturePolicy.STRICT_SIGN, forger.identity(),
				forger.localPeer(), 7, TOPIC, "real".getBytes(StandardCharsets.UTF_8));
		PubsubProto.Message forged = real.toBuilder().setData(ByteString.copyFromUtf8("forged")).build();

		raw.send(PubsubProto.RPC.newBuilder().addPublish(forged).build());
		raw.send(PubsubProto.RPC.newBuilder().addPublish(real).build());
		this.simulation.advance(Duration.ofMillis(100));

		assertThat(got).singleElement()
			.satisfies((message) -> assertThat(new String(message.data(), StandardCharsets.UTF_8)).isEqualTo("real"));
		Pubsub guard = this.pubsubs.get(honest);
		assertThat(guard.metrics().messages(Outcome.REJECTED)).isEqualTo(1);
		assertThat(guard.metrics().messages(Outcome.DUPLICATE)).isZero();
	}

	@Test
	void largeMessagesAreAnnouncedWithIdontwantAndNotSentToPeersThatDoNotWantThem() {
		Swarm honest = node();
		Swarm author = node();
		Swarm listener = this.simulation.node((builder) -> {
		});
		RawPubsubPeer raw = new RawPubsubPeer(listener, Pubsub.MESHSUB_V12);
		this.simulation.connect(author, honest);
		raw.open(this.simulation.connect(listener, honest));
		raw.send(PubsubProto.RPC.newBuilder()
			.addSubscriptions(PubsubProto.RPC.SubOpts.newBuilder().setSubscribe(true).setTopicid(TOPIC))
			.setControl(PubsubProto.ControlMessage.newBuilder()
				.addGraft(PubsubProto.ControlGraft.newBuilder().setTopicID(TOPIC)))
			.build());
		this.simulation.advance(Duration.ofSeconds(2));
		assertThat(this.pubsubs.get(honest).topics().get(0).mesh()).contains(listener.localPeer());

		byte[] large = new byte[GossipsubConfig.DEFAULT.idontwant().minSize()];
		MessageId first = this.pubsubs.get(author).publish(TOPIC, large).join();
		this.simulation.advance(Duration.ofMillis(100));
		assertThat(raw.idontwantsReceived()).flatExtracting(PubsubProto.ControlIDontWant::getMessageIDsList)
			.containsExactly(ByteString.copyFrom(first.toBytes()));
		assertThat(raw.messagesReceived()).isEqualTo(1);

		// The listener says it has the next message already: the honest node keeps it
		// back.
		PubsubProto.Message next = MessageSigning.create(SignaturePolicy.STRICT_SIGN, author.identity(),
				author.localPeer(), 1, TOPIC, large);
		MessageId nextId = MessageId.of(MessageIdFunction.FROM_AND_SEQNO
			.idBytes(new Author(author.localPeer(), author.identity().publicKey(), 1), TOPIC, large));
		raw.send(
				PubsubProto.RPC.newBuilder()
					.setControl(PubsubProto.ControlMessage.newBuilder()
						.addIdontwant(PubsubProto.ControlIDontWant.newBuilder()
							.addMessageIDs(ByteString.copyFrom(nextId.toBytes()))))
					.build());
		this.simulation.advance(Duration.ofMillis(100));
		Swarm relay = this.simulation.node((builder) -> {
		});
		RawPubsubPeer relayRaw = new RawPubsubPeer(relay);
		relayRaw.open(this.simulation.connect(relay, honest));
		relayRaw.send(PubsubProto.RPC.newBuilder().addPublish(next).build());
		this.simulation.advance(Duration.ofMillis(100));
		assertThat(this.pubsubs.get(honest).metrics().messages(Outcome.DELIVERED)).isEqualTo(2);
		assertThat(raw.messagesReceived()).isEqualTo(1);
	}

	@Test
	void pubsubPeersStayConnectedPastTheIdleTimeout() {
		Swarm first = node();
		Swarm second = node();
		Connection connection = this.simulation.connect(first, second);
		this.simulation.advance(Duration.ofMinutes(5));
		assertThat(connection.isOpen()).isTrue();
		List<PubsubMessage> got = new CopyOnWriteArrayList<>();
		this.pubsubs.get(second).addListener(got::add);
		this.pubsubs.get(first).publish(TOPIC, "still here".getBytes(StandardCharsets.UTF_8)).join();
		this.simulation.advance(Duration.ofMillis(100));
		assertThat(got).singleElement().satisfies((message) -> assertThat(message.from()).isEqualTo(first.localPeer()));
	}

	@Test
	void aSecondInboundStreamFromAPeerReplacesTheFirst() {
		Swarm honest = node();
		Swarm peer = this.simulation.node((builder) -> {
		});
		RawPubsubPeer raw = new RawPubsubPeer(peer);
		Connection connection = this.simulation.connect(peer, honest);
		raw.open(connection);
		StreamChannel first = raw.stream();
		raw.open(connection);
		this.simulation.advance(Duration.ofMillis(100));
		assertThat(first.isActive()).as("the older stream was reset").isFalse();
		assertThat(raw.stream().isActive()).isTrue();
		raw.send(subscribe(TOPIC));
		this.simulation.advance(Duration.ofMillis(100));
		assertThat(this.pubsubs.get(honest).topics().get(0).peers()).contains(peer.localPeer());
	}

	@Test
	void aPruneForATopicThisNodeHasNotJoinedLeavesNoBackoff() {
		Swarm honest = node();
		Swarm peer = this.simulation.node((builder) -> {
		});
		RawPubsubPeer raw = new RawPubsubPeer(peer);
		raw.open(this.simulation.connect(peer, honest));
		raw.send(PubsubProto.RPC.newBuilder()
			.addSubscriptions(PubsubProto.RPC.SubOpts.newBuilder().setSubscribe(true).setTopicid("later"))
			.setControl(PubsubProto.ControlMessage.newBuilder()
				.addPrune(PubsubProto.ControlPrune.newBuilder().setTopicID("later").setBackoff(3600)))
			.build());
		this.simulation.advance(Duration.ofMillis(100));
		this.pubsubs.get(honest).subscribe("later").join();
		this.simulation.advance(Duration.ofMillis(100));
		assertThat(raw.graftsReceived()).extracting(PubsubProto.ControlGraft::getTopicID).contains("later");
	}

	@Test
	void topicsLongerThanTheLimitAreNotKept() {
		Swarm honest = node();
		Swarm peer = this.simulation.node((builder) -> {
		});
		RawPubsubPeer raw = new RawPubsubPeer(peer);
		raw.open(this.simulation.connect(peer, honest));
		String longTopic = "t".repeat(TopicNames.MAX_LENGTH + 1);
		raw.send(subscribe(longTopic));
		raw.send(subscribe("short"));
		this.simulation.advance(Duration.ofMillis(100));
		assertThat(this.pubsubs.get(honest).topics()).extracting(PubsubTopic::topic)
			.contains("short")
			.doesNotContain(longTopic);
		assertThatThrownBy(() -> this.pubsubs.get(honest).subscribe(longTopic))
			.isInstanceOf(IllegalArgumentException.class);
	}

	private static PubsubProto.RPC subscribe(String topic) {
		return PubsubProto.RPC.newBuilder()
			.addSubscriptions(PubsubProto.RPC.SubOpts.newBuilder().setSubscribe(true).setTopicid(topic))
			.build();
	}

}
