package io.jlibp2p.protocol.kad;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jlibp2p.codec.Uvarints;
import io.jlibp2p.internal.proto.KadProto;
import io.jlibp2p.muxer.StreamChannel;
import io.jlibp2p.muxer.StreamFailedEvent;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.testing.Simulation;
import io.jlibp2p.transport.Connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A peer that pipelines requests on one stream without waiting for answers queues work on
 * the server's swarm thread; past a few waiting requests the stream is reset and counted
 * as a limit failure, while one request at a time is answered. A stream the peer
 * half-closes is closed once its requests are answered.
 */
class KadServerLimitsTest {

	private final Simulation simulation = new Simulation();

	@AfterEach
	void close() {
		this.simulation.close();
	}

	private static ByteBuf findNodes(int count) {
		ByteBuf frames = Unpooled.buffer();
		byte[] request = KadProto.Message.newBuilder()
			.setType(KadProto.Message.MessageType.FIND_NODE)
			.setKey(ByteString.copyFromUtf8("key"))
			.build()
			.toByteArray();
		for (int i = 0; i < count; i++) {
			frames.writeBytes(Uvarints.frame(request));
		}
		return frames;
	}

	@Test
	void aPeerPipeliningRequestsLosesItsStream() {
		Swarm server = this.simulation.node((builder) -> builder.behaviour(new Kademlia(KadConfig.DEFAULT)));
		Swarm client = this.simulation.node((builder) -> {
		});
		StreamChannel flood = this.simulation.connect(client, server)
			.newStream(List.of(KadConfig.IPFS_PROTOCOL_ID), (connection, stream) -> {
			})
			.join();
		// Hold the swarm thread so that no request is answered while the flood arrives,
		// whatever the order in which the event loops deliver it.
		CompletableFuture<Void> swarmThreadHeld = new CompletableFuture<>();
		this.simulation.time().execute(swarmThreadHeld::join);
		flood.writeAndFlush(findNodes(KadServer.MAX_PENDING_PER_STREAM + 20));
		await().atMost(10, TimeUnit.SECONDS).until(() -> !flood.isActive());
		swarmThreadHeld.complete(null);
		this.simulation.advance(Duration.ofMillis(100));
		assertThat(server.metrics().streamsFailed(StreamFailedEvent.Cause.LIMIT))
			.containsEntry(KadConfig.IPFS_PROTOCOL_ID, 1L);
	}

	@Test
	void aStreamThePeerHalfClosesIsClosedOnceAnswered() {
		Swarm server = this.simulation.node((builder) -> builder.behaviour(new Kademlia(KadConfig.DEFAULT)));
		Swarm client = this.simulation.node((builder) -> {
		});
		Connection connection = this.simulation.connect(client, server);
		List<StreamChannel> streams = new ArrayList<>();
		for (KadProto.Message.MessageType type : List.of(KadProto.Message.MessageType.FIND_NODE,
				KadProto.Message.MessageType.ADD_PROVIDER)) {
			StreamChannel stream = connection.newStream(List.of(KadConfig.IPFS_PROTOCOL_ID), (c, opened) -> {
			}).join();
			// Nothing reads the answer: only the stream's state matters here.
			stream.config().setAutoRead(false);
			stream.writeAndFlush(Uvarints.frame(KadProto.Message.newBuilder()
				.setType(type)
				.setKey(ByteString.copyFromUtf8("key"))
				.build()
				.toByteArray()));
			stream.shutdownOutput();
			streams.add(stream);
		}
		this.simulation.advance(Duration.ofMillis(100));
		// The server closed its half of both, the answered one and the unanswered one,
		// and holds no stream of this peer any more.
		assertThat(streams).allMatch(StreamChannel::isInputShutdown);
		assertThat(server.connections()).singleElement().extracting(Connection::streamCount).isEqualTo(0);
	}

}
