package io.jlibp2p.protocol.pubsub;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jlibp2p.internal.proto.PubsubProto;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.peer.PeerRecord;
import io.jlibp2p.peer.SignedPeerRecord;
import io.jlibp2p.protocol.identify.Identify;
import io.jlibp2p.protocol.identify.IdentifyConfig;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.testing.RawPubsubPeer;
import io.jlibp2p.testing.Simulation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gossipsub v1.1 mesh rules against scripted peers, on virtual time: GRAFT during
 * backoff, the outbound quota, opportunistic grafting, and peer exchange in both
 * directions.
 */
class GossipsubMeshTest {

	private static final String TOPIC = "mesh";

	private final Simulation simulation = new Simulation();

	private final Map<Swarm, Pubsub> pubsubs = new HashMap<>();

	@AfterEach
	void close() {
		this.simulation.close();
	}

	private Swarm node(GossipsubConfig parameters) {
		Pubsub pubsub = new Pubsub(PubsubConfig.DEFAULT.withGossipsub(parameters));
		Swarm swarm = this.simulation
			.node((builder) -> builder.behaviour(new Identify(IdentifyConfig.DEFAULT)).behaviour(pubsub));
		this.pubsubs.put(swarm, pubsub);
		pubsub.subscribe(TOPIC).join();
		return swarm;
	}

	private static GossipsubConfig parameters(int d, int dLow, int dHigh, int dOut, boolean peerExchange,
			int opportunisticGraftTicks) {
		GossipsubConfig g = GossipsubConfig.DEFAULT;
		return g.withMesh(new GossipsubConfig.Mesh(d, dLow, dHigh, Math.min(g.mesh().dScore(), d), dOut))
			.withPeerExchange(new GossipsubConfig.PeerExchange(peerExchange, g.peerExchange().peers()))
			.withOpportunisticGraft(
					new GossipsubConfig.OpportunisticGraft(opportunisticGraftTicks, g.opportunisticGraft().peers()));
	}

	/** A scripted peer that dialed {@code honest} and subscribed to the topic. */
	private RawPubsubPeer rawDialing(Swarm honest) {
		Swarm swarm = this.simulation.node((builder) -> {
		});
		RawPubsubPeer raw = new RawPubsubPeer(swarm);
		raw.open(this.simulation.connect(swarm, honest));
		subscribe(raw);
		return raw;
	}

	/** A scripted peer that {@code honest} dialed, subscribed to the topic. */
	private RawPubsubPeer rawDialedBy(Swarm honest, Swarm swarm) {
		RawPubsubPeer raw = new RawPubsubPeer(swarm);
		this.simulation.connect(honest, swarm);
		raw.open(swarm.connection(honest.localPeer()).orElseThrow());
		subscribe(raw);
		return raw;
	}

	private static void subscribe(RawPubsubPeer raw) {
		raw.send(PubsubProto.RPC.newBuilder()
			.addSubscriptions(PubsubProto.RPC.SubOpts.newBuilder().setSubscribe(true).setTopicid(TOPIC))
			.build());
	}

	private static PubsubProto.RPC control(PubsubProto.ControlMessage.Builder control) {
		return PubsubProto.RPC.newBuilder().setControl(control).build();
	}

	private static PubsubProto.RPC graft() {
		return control(PubsubProto.ControlMessage.newBuilder()
			.addGraft(PubsubProto.ControlGraft.newBuilder().setTopicID(TOPIC)));
	}

	private List<PeerId> mesh(Swarm node) {
		return this.pubsubs.get(node).topics().get(0).mesh();
	}

	@Test
	void aGraftDuringBackoffIsRefusedAndRepeatedOnesSinkThePeersScore() {
		Swarm honest = node(GossipsubConfig.DEFAULT);
		RawPubsubPeer raw = rawDialing(honest);
		PeerId rawPeer = raw.peer();
		raw.send(graft());
		this.simulation.advance(Duration.ofSeconds(2));
		assertThat(mesh(honest)).containsExactly(rawPeer);
		assertThat(honest.connectionManager().isProtected(rawPeer)).as("mesh peers are protected").isTrue();

		raw.send(control(PubsubProto.ControlMessage.newBuilder()
			.addPrune(PubsubProto.ControlPrune.newBuilder().setTopicID(TOPIC).setBackoff(60))));
		this.simulation.advance(Duration.ofMillis(100));
		assertThat(mesh(honest)).isEmpty();
		assertThat(honest.connectionManager().isProtected(rawPeer)).isFalse();
		raw.send(graft());
		this.simulation.advance(Duration.ofMillis(100));
		assertThat(mesh(honest)).isEmpty();
		assertThat(raw.prunesReceived()).singleElement()
			.satisfies((prune) -> assertThat(prune.getPeersCount()).isZero());
		// two penalties for a GRAFT right after the PRUNE: at P7's threshold, not beyond
		assertThat(this.pubsubs.get(honest).score(rawPeer).join()).isNotNegative();

		raw.send(graft());
		this.simulation.advance(Duration.ofMillis(100));
		assertThat(this.pubsubs.get(honest).score(rawPeer).join()).isNegative();
		assertThat(mesh(honest)).isEmpty();
	}

	@Test
	void aMeshOfInboundPeersTakesOutboundOnesUpToTheQuota() {
		Swarm hub = node(GossipsubConfig.DEFAULT);
		for (int i = 0; i < 8; i++) {
			this.simulation.connect(node(GossipsubConfig.DEFAULT), hub);
		}
		this.simulation.advance(Duration.ofSeconds(3));
		assertThat(mesh(hub)).hasSize(8);

		RawPubsubPeer inbound = rawDialing(hub);
		Swarm first = this.simulation.node((builder) -> {
		});
		Swarm second = this.simulation.node((builder) -> {
		});
		RawPubsubPeer outboundFirst = rawDialedBy(hub, first);
		RawPubsubPeer outboundSecond = rawDialedBy(hub, second);
		this.simulation.advance(Duration.ofSeconds(3));

		assertThat(mesh(hub)).hasSize(10).contains(first.localPeer(), second.localPeer());
		assertThat(outboundFirst.graftsReceived()).isNotEmpty();
		assertThat(outboundSecond.graftsReceived()).isNotEmpty();
		assertThat(inbound.graftsReceived()).as("an inbound peer beyond D_lo gets no GRAFT").isEmpty();
	}

	@Test
	void aMeshOfPoorlyScoredPeersOpportunisticallyGraftsABetterOne() {
		Swarm hub = node(parameters(3, 2, 4, 1, false, 3));
		for (int i = 0; i < 4; i++) {
			this.simulation.connect(node(GossipsubConfig.DEFAULT), hub);
		}
		this.simulation.advance(Duration.ofSeconds(3));
		PeerId goodPeer = rawDialing(hub).peer();
		this.simulation.advance(Duration.ofSeconds(1));
		assertThat(mesh(hub)).hasSize(4).doesNotContain(goodPeer);

		this.pubsubs.get(hub).setApplicationScore(goodPeer, 10);
		this.simulation.advance(Duration.ofSeconds(5));

		assertThat(mesh(hub)).contains(goodPeer);
	}

	@Test
	void ownMessagesAreFloodPublishedToEverySubscriberAboveThePublishThreshold() {
		Swarm hub = node(parameters(2, 1, 2, 0, false, 60));
		List<RawPubsubPeer> subscribers = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			subscribers.add(rawDialing(hub));
		}
		this.simulation.advance(Duration.ofSeconds(2));
		assertThat(mesh(hub)).hasSize(2);
		Pubsub pubsub = this.pubsubs.get(hub);

		pubsub.publish(TOPIC, "to all".getBytes(StandardCharsets.UTF_8)).join();
		this.simulation.advance(Duration.ofMillis(100));
		assertThat(subscribers).allSatisfy((raw) -> assertThat(raw.messagesReceived()).isOne());

		RawPubsubPeer distrusted = subscribers.get(3);
		pubsub.setApplicationScore(distrusted.peer(), PeerScoreThresholds.DEFAULT.publish() - 1);
		// a negative score also takes it out of the mesh at the next heartbeat
		this.simulation.advance(Duration.ofSeconds(1));
		assertThat(mesh(hub)).doesNotContain(distrusted.peer());
		pubsub.publish(TOPIC, "to the trusted".getBytes(StandardCharsets.UTF_8)).join();
		this.simulation.advance(Duration.ofMillis(100));
		assertThat(subscribers.subList(0, 3)).allSatisfy((raw) -> assertThat(raw.messagesReceived()).isEqualTo(2));
		assertThat(distrusted.messagesReceived()).isOne();
	}

	@Test
	void aPruneFromAWellScoredPeerLeadsToTheExchangedPeersThroughTheirSignedRecords() {
		Swarm node = node(GossipsubConfig.DEFAULT);
		Swarm target = node(GossipsubConfig.DEFAULT);
		Swarm ignored = node(GossipsubConfig.DEFAULT);
		RawPubsubPeer trusted = rawDialing(node);
		RawPubsubPeer stranger = rawDialing(node);
		this.pubsubs.get(node)
			.setApplicationScore(trusted.peer(), 2 * PeerScoreThresholds.DEFAULT.acceptPeerExchange());
		this.simulation.advance(Duration.ofSeconds(1));

		trusted.send(prune(target));
		stranger.send(prune(ignored));
		this.simulation.advance(Duration.ofSeconds(2));

		assertThat(node.connection(target.localPeer())).isPresent();
		assertThat(node.connection(ignored.localPeer())).isEmpty();
	}

	private static PubsubProto.RPC prune(Swarm exchanged) {
		byte[] record = PeerRecord.create(exchanged.localPeer(), exchanged.listenAddresses())
			.seal(exchanged.identity())
			.marshal();
		return control(PubsubProto.ControlMessage.newBuilder()
			.addPrune(PubsubProto.ControlPrune.newBuilder()
				.setTopicID(TOPIC)
				.setBackoff(60)
				.addPeers(PubsubProto.PeerInfo.newBuilder()
					.setPeerID(ByteString.copyFrom(exchanged.localPeer().toBytes()))
					.setSignedPeerRecord(ByteString.copyFrom(record)))));
	}

	@Test
	void aRefusedGraftIsAnsweredWithOtherPeersAndTheirSignedRecords() {
		Swarm hub = node(parameters(2, 1, 2, 0, true, 60));
		Swarm first = node(GossipsubConfig.DEFAULT);
		Swarm second = node(GossipsubConfig.DEFAULT);
		this.simulation.connect(first, hub);
		this.simulation.connect(second, hub);
		this.simulation.advance(Duration.ofSeconds(3));
		assertThat(mesh(hub)).hasSize(2);

		RawPubsubPeer raw = rawDialing(hub);
		raw.send(graft());
		this.simulation.advance(Duration.ofMillis(100));

		assertThat(raw.prunesReceived()).singleElement().satisfies((prune) -> {
			assertThat(prune.getPeersList()).hasSize(2).allSatisfy((info) -> {
				SignedPeerRecord record = SignedPeerRecord.open(info.getSignedPeerRecord().toByteArray());
				assertThat(record.record().peerId().toBytes()).isEqualTo(info.getPeerID().toByteArray());
				assertThat(record.record().peerId()).isIn(first.localPeer(), second.localPeer());
			});
		});
	}

}
