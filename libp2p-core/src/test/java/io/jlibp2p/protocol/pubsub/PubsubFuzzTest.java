package io.jlibp2p.protocol.pubsub;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.ByteString;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterAll;

import io.jlibp2p.codec.UvarintFrameDecoder;
import io.jlibp2p.internal.proto.PubsubProto;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.testing.RawPubsubPeer;
import io.jlibp2p.testing.Simulation;
import io.jlibp2p.testing.StreamPair;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz targets for pubsub: the RPC decoder on raw bytes, and the routers on well-formed
 * RPCs full of hostile subscriptions, messages and control.
 */
class PubsubFuzzTest {

	private static final String[] TOPICS = { "a", "b", "fuzz", "ü/topic" };

	private static Fixture fixture;

	@AfterAll
	static void closeFixture() {
		if (fixture != null) {
			fixture.simulation.close();
			fixture = null;
		}
	}

	@FuzzTest
	void rpcFrames(FuzzedDataProvider data) {
		List<PubsubProto.RPC> decoded = new ArrayList<>();
		PubsubConfig config = PubsubConfig.DEFAULT;
		try (StreamPair pair = new StreamPair((stream) -> stream.pipeline()
			.addLast(new UvarintFrameDecoder(config.limits().maxRpcSize()),
					new RpcReader(config, new PubsubMetrics(), (rpc, done) -> {
						decoded.add(rpc);
						done.run();
					})),
				(stream) -> {
				})) {
			while (data.remainingBytes() > 0 && pair.clientStream().isOpen()) {
				pair.clientStream().writeAndFlush(Unpooled.wrappedBuffer(data.consumeBytes(data.consumeInt(1, 200))));
				pair.exchange();
			}
		}
		assertThat(decoded).allSatisfy(
				(rpc) -> assertThat(RpcLimits.violation(ByteBuffer.wrap(rpc.toByteArray()), config.limits())).isNull());
	}

	@FuzzTest(maxDuration = "30s")
	void controlMessages(FuzzedDataProvider data) {
		Fixture node = fixture();
		node.raw.send(fuzzedRpc(data));
		node.simulation.advance(Duration.ofMillis(data.consumeInt(0, 2000)));
		assertThat(node.simulation.time().failedTasks()).as("tasks that threw on the swarm thread").isZero();
	}

	private static PubsubProto.RPC fuzzedRpc(FuzzedDataProvider data) {
		PubsubProto.RPC.Builder rpc = PubsubProto.RPC.newBuilder();
		PubsubProto.ControlMessage.Builder control = PubsubProto.ControlMessage.newBuilder();
		int parts = data.consumeInt(0, 24);
		for (int i = 0; i < parts && data.remainingBytes() > 0; i++) {
			String topic = data.pickValue(TOPICS);
			switch (data.consumeInt(0, 7)) {
				case 0 -> rpc.addSubscriptions(
						PubsubProto.RPC.SubOpts.newBuilder().setSubscribe(data.consumeBoolean()).setTopicid(topic));
				case 1 -> rpc.addPublish(PubsubProto.Message.newBuilder()
					.setTopic(topic)
					.setData(ByteString.copyFrom(data.consumeBytes(64)))
					.setFrom(ByteString.copyFrom(data.consumeBytes(40)))
					.setSeqno(ByteString.copyFrom(data.consumeBytes(8)))
					.setSignature(ByteString.copyFrom(data.consumeBytes(64))));
				case 2 -> control
					.addIhave(PubsubProto.ControlIHave.newBuilder().setTopicID(topic).addAllMessageIDs(ids(data)));
				case 3 -> control.addIwant(PubsubProto.ControlIWant.newBuilder().addAllMessageIDs(ids(data)));
				case 4 -> control.addGraft(PubsubProto.ControlGraft.newBuilder().setTopicID(topic));
				case 5 -> control.addPrune(PubsubProto.ControlPrune.newBuilder()
					.setTopicID(topic)
					.setBackoff(data.consumeLong())
					.addPeers(PubsubProto.PeerInfo.newBuilder()
						.setPeerID(ByteString.copyFrom(data.consumeBytes(40)))
						.setSignedPeerRecord(ByteString.copyFrom(data.consumeBytes(200)))));
				case 6 -> control.addIdontwant(PubsubProto.ControlIDontWant.newBuilder().addAllMessageIDs(ids(data)));
				default -> rpc.addSubscriptions(PubsubProto.RPC.SubOpts.newBuilder()
					.setSubscribe(true)
					.setTopicidBytes(ByteString.copyFrom(data.consumeBytes(8))));
			}
		}
		return rpc.setControl(control).build();
	}

	private static List<ByteString> ids(FuzzedDataProvider data) {
		List<ByteString> ids = new ArrayList<>();
		int count = data.consumeInt(0, 64);
		for (int i = 0; i < count; i++) {
			// Few distinct ids, so requests and advertisements collide with each other.
			ids.add(ByteString.copyFrom(new byte[] { data.consumeByte((byte) 0, (byte) 7) }));
		}
		return ids;
	}

	/**
	 * One honest gossipsub node and a raw peer, kept across inputs; the raw peer
	 * reconnects when a input got it disconnected.
	 */
	private static Fixture fixture() {
		if (fixture == null || !fixture.raw.isOpen()) {
			closeFixture();
			fixture = new Fixture();
		}
		return fixture;
	}

	private static final class Fixture {

		private final Simulation simulation = new Simulation();

		private final RawPubsubPeer raw;

		Fixture() {
			Pubsub pubsub = new Pubsub(PubsubConfig.DEFAULT);
			Swarm honest = this.simulation.node((builder) -> builder.behaviour(pubsub));
			for (String topic : TOPICS) {
				pubsub.subscribe(topic).join();
			}
			Swarm attacker = this.simulation.node((builder) -> {
			});
			this.raw = new RawPubsubPeer(attacker);
			this.raw.open(this.simulation.connect(attacker, honest));
			// a message in the cache for IWANTs to ask for: it is sent to the raw peer
			this.raw.send(PubsubProto.RPC.newBuilder()
				.addSubscriptions(PubsubProto.RPC.SubOpts.newBuilder().setSubscribe(true).setTopicid("fuzz"))
				.build());
			this.simulation.advance(Duration.ofMillis(100));
			pubsub.publish("fuzz", "cached".getBytes(StandardCharsets.UTF_8)).join();
		}

	}

}
