package io.jlibp2p.protocol.pubsub;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.peer.PeerId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Each score component on its own, with round weights so that every expected value is the
 * spec's formula worked by hand.
 */
class PeerScoreTest {

	private static final String TOPIC = "scored";

	/**
	 * P1 0.5 a second up to 5 s; P2 2 a first delivery up to 3; P3 −1 times the squared
	 * deficit below 4 deliveries, active after 5 s in the mesh, copies counting within
	 * 100 ms; P3b −2; P4 −3; every decay halves.
	 */
	private static final TopicScoreParams TOPIC_PARAMS = new TopicScoreParams(1,
			new TopicScoreParams.TimeInMesh(0.5, Duration.ofSeconds(1), 5),
			new TopicScoreParams.FirstDeliveries(2, 0.5, 3),
			new TopicScoreParams.MeshDeliveries(-1, 0.5, 10, 4, Duration.ofMillis(100), Duration.ofSeconds(5)),
			new TopicScoreParams.MeshFailures(-2, 0.5), new TopicScoreParams.InvalidDeliveries(-3, 0.5));

	/** P5 weight 2; P6 −1 per squared peer beyond 2 on one IP; P7 −5 beyond 1. */
	private static final PeerScoreParams PARAMS = new PeerScoreParams(Map.of(), TOPIC_PARAMS, 0, 2,
			new PeerScoreParams.IpColocation(-1, 2), new PeerScoreParams.BehaviourPenalty(-5, 1, 0.5),
			Duration.ofSeconds(1), 0.01, Duration.ofMinutes(1));

	private Instant now = Instant.parse("2026-01-01T00:00:00Z");

	private final PeerScoring score = new PeerScoring(PARAMS, () -> this.now, Duration.ofMinutes(2));

	private final PeerId peer = peer();

	private int ids;

	private static PeerId peer() {
		return PeerId.fromPublicKey(Keys.generate(KeyType.ED25519).publicKey());
	}

	private MessageId message() {
		return MessageId.of(("message " + this.ids++).getBytes(StandardCharsets.UTF_8));
	}

	private void advance(Duration duration) {
		this.now = this.now.plus(duration);
		this.score.decay();
	}

	@Test
	void p1RewardsTimeInTheMeshUpToItsCapAndP3PunishesAnActiveMeshPeerThatDeliversNothing() {
		this.score.connected(this.peer, null);
		this.score.grafted(this.peer, TOPIC);
		advance(Duration.ofSeconds(3));
		assertThat(this.score.score(this.peer)).isCloseTo(1.5, within(1e-9));

		advance(Duration.ofSeconds(5));
		// P1 capped at 5 × 0.5; P3 active with a deficit of 4: −16
		assertThat(this.score.score(this.peer)).isCloseTo(2.5 - 16, within(1e-9));
	}

	@Test
	void p2CreditsFirstDeliveriesUpToItsCapAndDecays() {
		this.score.connected(this.peer, null);
		for (int i = 0; i < 4; i++) {
			MessageId id = message();
			this.score.firstSeen(id);
			this.score.validated(this.peer, id, TOPIC);
		}
		assertThat(this.score.score(this.peer)).isCloseTo(3 * 2, within(1e-9));

		advance(Duration.ofSeconds(1));
		assertThat(this.score.score(this.peer)).isCloseTo(1.5 * 2, within(1e-9));
	}

	@Test
	void p3CountsCopiesFromMeshPeersWithinTheWindowOnly() {
		PeerId other = peer();
		for (PeerId each : List.of(this.peer, other)) {
			this.score.connected(each, null);
			this.score.grafted(each, TOPIC);
		}
		advance(Duration.ofSeconds(6));
		MessageId id = message();
		this.score.firstSeen(id);
		this.score.validated(this.peer, id, TOPIC);
		this.score.duplicate(other, id, TOPIC);
		MessageId late = message();
		this.score.firstSeen(late);
		this.score.validated(this.peer, late, TOPIC);
		this.now = this.now.plusMillis(101);
		this.score.duplicate(other, late, TOPIC);

		// the first deliverer: P1 2.5, P2 2 × 2, P3 deficit 2 → −4
		assertThat(this.score.score(this.peer)).isCloseTo(2.5 + 4 - 4, within(1e-9));
		// the mesh peer whose first copy was in time: P1 2.5, P3 deficit 3 → −9
		assertThat(this.score.score(other)).isCloseTo(2.5 - 9, within(1e-9));
	}

	@Test
	void p3bKeepsTheDeficitOfAPrunedPeerAndDecaysIt() {
		this.score.connected(this.peer, null);
		this.score.grafted(this.peer, TOPIC);
		advance(Duration.ofSeconds(6));
		this.score.pruned(this.peer, TOPIC);
		assertThat(this.score.score(this.peer)).isCloseTo(16 * -2, within(1e-9));

		advance(Duration.ofSeconds(1));
		assertThat(this.score.score(this.peer)).isCloseTo(8 * -2, within(1e-9));
	}

	@Test
	void p4PunishesTheSenderAndEveryPeerThatForwardedAnInvalidMessage() {
		PeerId forwarder = peer();
		this.score.connected(this.peer, null);
		this.score.connected(forwarder, null);
		MessageId id = message();
		this.score.firstSeen(id);
		this.score.duplicate(forwarder, id, TOPIC);
		this.score.rejected(this.peer, id, TOPIC);
		this.score.rejected(this.peer, null, TOPIC);

		assertThat(this.score.score(this.peer)).isCloseTo(4 * -3, within(1e-9));
		assertThat(this.score.score(forwarder)).isCloseTo(1 * -3, within(1e-9));
	}

	@Test
	void p5IsTheApplicationsScoreTimesItsWeight() {
		this.score.connected(this.peer, null);
		this.score.setApplicationScore(this.peer, 3);

		assertThat(this.score.score(this.peer)).isCloseTo(6, within(1e-9));
	}

	@Test
	void p6PunishesPeersCrowdingOneAddress() {
		List<PeerId> crowd = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			PeerId each = peer();
			this.score.connected(each, "10.0.0.1");
			crowd.add(each);
		}
		this.score.connected(this.peer, "10.0.0.2");

		// two beyond the threshold of two: −1 × 2²
		assertThat(crowd).allSatisfy((each) -> assertThat(this.score.score(each)).isCloseTo(-4, within(1e-9)));
		assertThat(this.score.score(this.peer)).isZero();
		this.score.disconnected(crowd.get(0));
		assertThat(this.score.score(crowd.get(1))).isCloseTo(-1, within(1e-9));
	}

	@Test
	void p7PunishesBehaviourPenaltiesBeyondTheThresholdAndDecays() {
		this.score.connected(this.peer, null);
		this.score.addPenalty(this.peer, 3);
		assertThat(this.score.score(this.peer)).isCloseTo(4 * -5, within(1e-9));

		advance(Duration.ofSeconds(1));
		assertThat(this.score.score(this.peer)).isCloseTo(0.25 * -5, within(1e-9));
	}

	@Test
	void aDisconnectedPeersScoreIsKeptForTheRetentionTimeOnly() {
		this.score.connected(this.peer, null);
		this.score.addPenalty(this.peer, 11);
		this.score.disconnected(this.peer);
		advance(Duration.ofSeconds(1));
		assertThat(this.score.score(this.peer)).isNegative();

		this.now = this.now.plus(Duration.ofMinutes(1));
		advance(Duration.ofSeconds(1));
		assertThat(this.score.score(this.peer)).isZero();
	}

}
