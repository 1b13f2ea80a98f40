package io.jlibp2p.muxer.yamux;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jlibp2p.codec.CloseReason;
import io.jlibp2p.muxer.MuxerException;
import io.jlibp2p.muxer.StreamChannel;
import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.resources.ConnectionScope;
import io.jlibp2p.resources.ResourceLimits;
import io.jlibp2p.resources.ResourceManager;
import io.jlibp2p.resources.StreamScope;
import io.jlibp2p.transport.Direction;
import io.jlibp2p.testing.EmbeddedPair;
import io.jlibp2p.testing.Recorder;

import static org.assertj.core.api.Assertions.assertThat;

class YamuxSessionTest {

	private static final YamuxConfig SPEC_WINDOW = new YamuxConfig(YamuxConfig.INITIAL_WINDOW, 512, 256, 16 * 1024);

	private final List<StreamChannel> serverStreams = new ArrayList<>();

	private final List<EmbeddedChannel> connections = new ArrayList<>();

	private final List<Recorder> recorders = new ArrayList<>();

	@AfterEach
	void release() {
		this.connections.forEach(EmbeddedChannel::finishAndReleaseAll);
		this.recorders.forEach(Recorder::release);
	}

	private EmbeddedChannel connection(YamuxSession session) {
		EmbeddedChannel channel = new EmbeddedChannel(session);
		this.connections.add(channel);
		return channel;
	}

	private Recorder recorder() {
		Recorder recorder = new Recorder();
		this.recorders.add(recorder);
		return recorder;
	}

	private YamuxSession server(YamuxConfig config, boolean autoRead) {
		return server(config, autoRead, ConnectionScope.unlimited());
	}

	private YamuxSession server(YamuxConfig config, boolean autoRead, ConnectionScope resources) {
		return new YamuxSession(false, config, (stream) -> {
			stream.config().setAutoRead(autoRead);
			stream.pipeline().addLast(recorder());
			this.serverStreams.add(stream);
		}, resources);
	}

	private YamuxSession client(YamuxConfig config) {
		return new YamuxSession(true, config, (stream) -> stream.close(), ConnectionScope.unlimited());
	}

	private static StreamChannel open(YamuxSession session, Recorder recorder) {
		Future<StreamChannel> future = session.openStream((stream) -> stream.pipeline().addLast(recorder));
		assertThat(future.isSuccess()).as("stream opened: %s", future.cause()).isTrue();
		return future.getNow();
	}

	@Test
	void opensAStreamWithTheSpecFrame() {
		YamuxSession client = client(SPEC_WINDOW);
		EmbeddedChannel connection = connection(client);
		open(client, recorder());
		ByteBuf frame = connection.readOutbound();
		assertThat(ByteBufUtil.hexDump(frame)).isEqualTo("000100010000000100000000");
		frame.release();
	}

	@Test
	void grantsTheConfiguredWindowWhenOpening() {
		YamuxSession client = client(YamuxConfig.DEFAULT);
		EmbeddedChannel connection = connection(client);
		open(client, recorder());
		ByteBuf frame = connection.readOutbound();
		assertThat(ByteBufUtil.hexDump(frame)).isEqualTo("0001000100000001000c0000");
		frame.release();
	}

	@Test
	void carriesDataBothWaysAndHalfClosesInOrder() {
		YamuxSession client = client(YamuxConfig.DEFAULT);
		EmbeddedChannel clientConnection = connection(client);
		EmbeddedChannel serverConnection = connection(server(YamuxConfig.DEFAULT, true));
		Recorder clientSide = recorder();
		StreamChannel stream = open(client, clientSide);
		stream.writeAndFlush(Unpooled.copiedBuffer("hello", StandardCharsets.US_ASCII));
		stream.shutdownOutput();
		EmbeddedPair.exchange(clientConnection, serverConnection);
		StreamChannel serverStream = this.serverStreams.get(0);
		Recorder serverSide = (Recorder) serverStream.pipeline().last();
		assertThat(serverSide.text()).isEqualTo("hello");
		assertThat(serverSide.inputShutdown()).isTrue();
		assertThat(serverStream.isOutbound()).isFalse();
		serverStream.writeAndFlush(Unpooled.copiedBuffer("world", StandardCharsets.US_ASCII));
		serverStream.shutdownOutput();
		EmbeddedPair.exchange(clientConnection, serverConnection);
		assertThat(clientSide.text()).isEqualTo("world");
		assertThat(clientSide.inputShutdown()).isTrue();
		assertThat(stream.isOpen()).isFalse();
		assertThat(serverStream.isOpen()).isFalse();
		assertThat(client.streamCount()).isZero();
	}

	@Test
	void aSlowReaderHoldsBackTheWriterAtTheWindow() {
		YamuxSession client = client(SPEC_WINDOW);
		EmbeddedChannel clientConnection = connection(client);
		EmbeddedChannel serverConnection = connection(server(SPEC_WINDOW, false));
		StreamChannel stream = open(client, recorder());
		int total = 4 * YamuxConfig.INITIAL_WINDOW;
		stream.writeAndFlush(Unpooled.wrappedBuffer(new byte[total]));
		EmbeddedPair.exchange(clientConnection, serverConnection);
		StreamChannel serverStream = this.serverStreams.get(0);
		Recorder reader = (Recorder) serverStream.pipeline().last();
		assertThat(reader.bytes()).isZero();
		ByteBuf waiting = (ByteBuf) stream.unsafe().outboundBuffer().current();
		assertThat(waiting.readableBytes()).isEqualTo(total - YamuxConfig.INITIAL_WINDOW);
		assertThat(stream.isWritable()).isFalse();
		for (int i = 0; i < 200 && reader.bytes() < total; i++) {
			serverStream.read();
			EmbeddedPair.exchange(clientConnection, serverConnection);
		}
		assertThat(reader.bytes()).isEqualTo(total);
		assertThat(stream.isWritable()).isTrue();
	}

	@Test
	void theWindowShrinksWhileMemoryIsShortAndGrowsBackAfter() {
		int extra = YamuxConfig.DEFAULT.receiveWindow() - YamuxConfig.INITIAL_WINDOW;
		ResourceLimits scaled = ResourceLimits.of(64L << 20, 512);
		ResourceManager manager = new ResourceManager(new ResourceLimits(scaled.system(), scaled.negotiating(),
				scaled.protocol(), scaled.peer(), new ResourceLimits.ScopeLimits(512, 512, 2L << 20), scaled.stream(),
				ResourceLimits.Allowlist.NONE));
		ConnectionScope resources = manager.openConnection(
				PeerId.fromPublicKey(Keys.generate(KeyType.ED25519).publicKey()),
				Multiaddr.parse("/ip4/203.0.113.1/tcp/1"));
		YamuxSession client = client(YamuxConfig.DEFAULT);
		EmbeddedChannel clientConnection = connection(client);
		EmbeddedChannel serverConnection = connection(server(YamuxConfig.DEFAULT, false, resources));
		StreamChannel stream = open(client, recorder());
		EmbeddedPair.exchange(clientConnection, serverConnection);
		StreamChannel serverStream = this.serverStreams.get(0);
		assertThat(serverStream.resources().memory()).as("the 1 MiB window fits in half the connection's 2 MiB")
			.isEqualTo(extra);

		StreamScope hog = resources.openStream(Direction.INBOUND);
		hog.reserveMemory(600 * 1024);
		int total = 4 << 20;
		stream.writeAndFlush(Unpooled.wrappedBuffer(new byte[total]));
		EmbeddedPair.exchange(clientConnection, serverConnection);
		int window = YamuxConfig.DEFAULT.receiveWindow();
		assertThat(waiting(stream)).isEqualTo(total - window);
		Recorder reader = (Recorder) serverStream.pipeline().last();
		readUntil(serverStream, reader, window, clientConnection, serverConnection);
		assertThat(serverStream.resources().memory()).as("the window beyond 256 KiB given back").isZero();
		assertThat(waiting(stream)).as("of 1 MiB read, only the spec's window was returned")
			.isEqualTo(total - window - YamuxConfig.INITIAL_WINDOW);

		hog.close();
		readUntil(serverStream, reader, window + YamuxConfig.INITIAL_WINDOW / 2, clientConnection, serverConnection);
		assertThat(serverStream.resources().memory()).as("grown back").isEqualTo(extra);
		assertThat(waiting(stream)).as("128 KiB more read, returned with the growth")
			.isEqualTo(total - window - YamuxConfig.INITIAL_WINDOW - YamuxConfig.INITIAL_WINDOW / 2 - extra);
		readUntil(serverStream, reader, total, clientConnection, serverConnection);
		assertThat(reader.bytes()).isEqualTo(total);
	}

	private static void readUntil(StreamChannel stream, Recorder reader, int bytes, EmbeddedChannel client,
			EmbeddedChannel server) {
		for (int i = 0; i < 1_000 && reader.bytes() < bytes; i++) {
			stream.read();
			EmbeddedPair.exchange(client, server);
		}
		assertThat(reader.bytes()).isEqualTo(bytes);
	}

	private static int waiting(StreamChannel stream) {
		ByteBuf current = (ByteBuf) stream.unsafe().outboundBuffer().current();
		return (current != null) ? current.readableBytes() : 0;
	}

	@Test
	void resetsInboundStreamsBeyondTheLimit() {
		YamuxConfig twoStreams = new YamuxConfig(YamuxConfig.INITIAL_WINDOW, 2, 256, 16 * 1024);
		YamuxSession client = client(YamuxConfig.DEFAULT);
		EmbeddedChannel clientConnection = connection(client);
		EmbeddedChannel serverConnection = connection(server(twoStreams, true));
		StreamChannel first = open(client, recorder());
		StreamChannel second = open(client, recorder());
		StreamChannel third = open(client, recorder());
		EmbeddedPair.exchange(clientConnection, serverConnection);
		assertThat(this.serverStreams).hasSize(2);
		assertThat(first.isOpen()).isTrue();
		assertThat(second.isOpen()).isTrue();
		assertThat(third.isOpen()).isFalse();
		assertThat(serverConnection.isOpen()).isTrue();
	}

	@Test
	void limitsUnacknowledgedOutboundStreams() {
		YamuxConfig oneUnacked = new YamuxConfig(YamuxConfig.INITIAL_WINDOW, 10, 1, 16 * 1024);
		YamuxSession client = client(oneUnacked);
		EmbeddedChannel clientConnection = connection(client);
		EmbeddedChannel serverConnection = connection(server(YamuxConfig.DEFAULT, true));
		open(client, recorder());
		Future<StreamChannel> refused = client.openStream((stream) -> {
		});
		assertThat(refused.cause()).isInstanceOf(MuxerException.class).hasMessageContaining("not acknowledged yet");
		EmbeddedPair.exchange(clientConnection, serverConnection);
		open(client, recorder());
	}

	@Test
	void answersPingsWithTheSameOpaqueValue() {
		EmbeddedChannel connection = connection(server(YamuxConfig.DEFAULT, true));
		connection.writeInbound(Unpooled.wrappedBuffer(hex("000200010000000012345678")));
		ByteBuf pong = connection.readOutbound();
		assertThat(ByteBufUtil.hexDump(pong)).isEqualTo("000200020000000012345678");
		pong.release();
	}

	@Test
	void closesTheConnectionWithGoAwayOnAProtocolError() {
		EmbeddedChannel connection = connection(server(YamuxConfig.DEFAULT, true));
		connection.writeInbound(Unpooled.wrappedBuffer(hex("010000000000000100000000")));
		ByteBuf goAway = connection.readOutbound();
		assertThat(ByteBufUtil.hexDump(goAway)).isEqualTo("000300000000000000000001");
		goAway.release();
		assertThat(connection.isOpen()).isFalse();
		assertThat(CloseReason.of(connection)).isEqualTo(
				new CloseReason(CloseReason.Cause.PROTOCOL_ERROR, "yamux protocol error: unsupported yamux version 1"));
	}

	@Test
	void closesTheConnectionWhenThePeerOverrunsTheWindow() {
		EmbeddedChannel connection = connection(server(SPEC_WINDOW, false));
		connection.writeInbound(Unpooled.wrappedBuffer(hex("000100010000000100000000")));
		ByteBuf ack = connection.readOutbound();
		ack.release();
		for (int i = 0; i < 2; i++) {
			ByteBuf frame = Unpooled.buffer();
			frame.writeBytes(hex("0000000000000001")).writeInt(YamuxConfig.INITIAL_WINDOW / 2 + 1);
			frame.writeZero(YamuxConfig.INITIAL_WINDOW / 2 + 1);
			connection.writeInbound(frame);
		}
		assertThat(connection.isOpen()).isFalse();
	}

	@Test
	void refusesAStreamIdOfTheWrongParity() {
		EmbeddedChannel connection = connection(server(YamuxConfig.DEFAULT, true));
		connection.writeInbound(Unpooled.wrappedBuffer(hex("000100010000000200000000")));
		assertThat(connection.isOpen()).isFalse();
		assertThat(this.serverStreams).isEmpty();
	}

	@Test
	void aResetClosesTheStreamAndAGoAwayStopsNewOnes() {
		YamuxSession client = client(YamuxConfig.DEFAULT);
		EmbeddedChannel clientConnection = connection(client);
		StreamChannel stream = open(client, recorder());
		clientConnection.writeInbound(Unpooled.wrappedBuffer(hex("000100080000000100000000")));
		assertThat(stream.isOpen()).isFalse();
		assertThat(client.streamCount()).isZero();
		clientConnection.writeInbound(Unpooled.wrappedBuffer(hex("000300000000000000000000")));
		assertThat(client.openStream((s) -> {
		}).cause()).hasMessageContaining("GoAway");
	}

	@Test
	void resetsStreamsWhenTheConnectionCloses() {
		YamuxSession client = client(YamuxConfig.DEFAULT);
		EmbeddedChannel clientConnection = connection(client);
		StreamChannel stream = open(client, recorder());
		clientConnection.close();
		assertThat(stream.isOpen()).isFalse();
	}

	private static byte[] hex(String hex) {
		return java.util.HexFormat.of().parseHex(hex);
	}

}
