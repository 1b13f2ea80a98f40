package io.jlibp2p.swarm;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jlibp2p.muxer.StreamChannel;
import io.jlibp2p.muxer.StreamFailedEvent.Cause;
import io.jlibp2p.protocol.identify.Identify;
import io.jlibp2p.protocol.identify.IdentifyConfig;
import io.jlibp2p.protocol.perf.Perf;
import io.jlibp2p.protocol.perf.PerfConfig;
import io.jlibp2p.protocol.ping.Ping;
import io.jlibp2p.protocol.ping.PingConfig;
import io.jlibp2p.protocol.ping.PingProtocol;
import io.jlibp2p.testing.Nodes;
import io.jlibp2p.transport.Connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A peer that misuses a protocol loses the stream, never the connection: the stream is
 * reset and counted by protocol and cause, and the connection goes on serving.
 */
class StreamFailureTest {

	private final Nodes nodes = new Nodes();

	@AfterEach
	void close() {
		this.nodes.close();
	}

	private static Connection connect(Swarm dialer, Swarm listener) {
		return dialer.dial(listener.listenAddresses().get(0).withPeerId(listener.localPeer())).join();
	}

	private static StreamChannel open(Connection connection, String protocol) throws Exception {
		return connection.newStream(List.of(protocol), (c, stream) -> {
		}).get(10, TimeUnit.SECONDS);
	}

	@Test
	void pingStreamsBeyondTheLimitAndPerfRequestsBeyondTheirsOrCutShort() throws Exception {
		Swarm server = this.nodes.listening(new Ping(PingConfig.DEFAULT), new Perf(new PerfConfig(true, 1024)));
		Connection connection = connect(this.nodes.listening(), server);

		List<StreamChannel> pings = new ArrayList<>();
		for (int i = 0; i <= PingProtocol.MAX_INBOUND_STREAMS; i++) {
			pings.add(open(connection, PingProtocol.ID));
		}
		StreamChannel tooLarge = open(connection, Perf.ID);
		tooLarge.writeAndFlush(Unpooled.wrappedBuffer(ByteBuffer.allocate(8).putLong(0, 1025)));
		tooLarge.shutdownOutput();
		StreamChannel cutShort = open(connection, Perf.ID);
		cutShort.writeAndFlush(Unpooled.wrappedBuffer(new byte[3]));
		cutShort.shutdownOutput();

		await().atMost(10, TimeUnit.SECONDS)
			.until(() -> pings.stream().filter(StreamChannel::isOpen).count() == PingProtocol.MAX_INBOUND_STREAMS
					&& !tooLarge.isOpen() && !cutShort.isOpen());
		assertThat(server.metrics().streamsFailed(Cause.LIMIT)).containsEntry(PingProtocol.ID, 1L)
			.containsEntry(Perf.ID, 1L);
		assertThat(server.metrics().streamsFailed(Cause.MALFORMED)).containsEntry(Perf.ID, 1L);
		assertThat(connection.isOpen()).isTrue();
		assertThat(server.connections()).singleElement().satisfies((c) -> assertThat(c.isOpen()).isTrue());
	}

	@Test
	void anIdentifyAnswerThatIsNotOneFailsTheStream() {
		Swarm liar = this.nodes.listening();
		liar.handle(Identify.ID,
				(connection, stream) -> stream
					.writeAndFlush(Unpooled.wrappedBuffer(new byte[] { 5, (byte) 0xff, (byte) 0xff, 1, 2, 3 }))
					.addListener((written) -> stream.shutdownOutput()));
		Identify identify = new Identify(IdentifyConfig.DEFAULT);
		Swarm asker = this.nodes.listening(identify);

		Connection connection = connect(asker, liar);
		await().atMost(10, TimeUnit.SECONDS)
			.until(() -> asker.metrics().streamsFailed(Cause.MALFORMED).containsKey(Identify.ID));
		assertThat(asker.metrics().streamsFailed(Cause.MALFORMED)).containsEntry(Identify.ID, 1L);
		assertThat(connection.isOpen()).isTrue();
	}

}
