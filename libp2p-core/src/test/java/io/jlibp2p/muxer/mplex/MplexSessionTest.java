package io.jlibp2p.muxer.mplex;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jlibp2p.muxer.StreamChannel;
import io.jlibp2p.resources.ConnectionScope;
import io.jlibp2p.testing.EmbeddedPair;
import io.jlibp2p.testing.Recorder;

import static org.assertj.core.api.Assertions.assertThat;

class MplexSessionTest {

	private final List<StreamChannel> inbound = new ArrayList<>();

	private final List<EmbeddedChannel> connections = new ArrayList<>();

	private final List<Recorder> recorders = new ArrayList<>();

	@AfterEach
	void release() {
		this.connections.forEach(EmbeddedChannel::finishAndReleaseAll);
		this.recorders.forEach(Recorder::release);
	}

	private EmbeddedChannel connection(MplexConfig config, boolean autoRead) {
		MplexSession session = new MplexSession(config, (stream) -> {
			stream.config().setAutoRead(autoRead);
			stream.pipeline().addLast(recorder());
			this.inbound.add(stream);
		}, ConnectionScope.unlimited());
		EmbeddedChannel channel = new EmbeddedChannel(session);
		this.connections.add(channel);
		return channel;
	}

	private Recorder recorder() {
		Recorder recorder = new Recorder();
		this.recorders.add(recorder);
		return recorder;
	}

	private static StreamChannel open(EmbeddedChannel connection, Recorder collector) {
		Future<StreamChannel> future = connection.pipeline()
			.get(MplexSession.class)
			.openStream((stream) -> stream.pipeline().addLast(collector));
		assertThat(future.isSuccess()).isTrue();
		return future.getNow();
	}

	@Test
	void writesTheSpecFramesForOpenMessageAndClose() {
		EmbeddedChannel connection = connection(MplexConfig.DEFAULT, true);
		StreamChannel stream = open(connection, recorder());
		stream.writeAndFlush(Unpooled.copiedBuffer("hello", StandardCharsets.US_ASCII));
		stream.shutdownOutput();
		assertThat(hexOut(connection)).isEqualTo("000130" + "020568656c6c6f" + "0400");
	}

	@Test
	void carriesDataBothWaysAndClosesInOrder() {
		EmbeddedChannel client = connection(MplexConfig.DEFAULT, true);
		EmbeddedChannel server = connection(MplexConfig.DEFAULT, true);
		Recorder clientSide = recorder();
		StreamChannel stream = open(client, clientSide);
		stream.writeAndFlush(Unpooled.copiedBuffer("ping", StandardCharsets.US_ASCII));
		stream.shutdownOutput();
		EmbeddedPair.exchange(client, server);
		StreamChannel serverStream = this.inbound.get(0);
		Recorder serverSide = (Recorder) serverStream.pipeline().last();
		assertThat(serverSide.text()).isEqualTo("ping");
		assertThat(serverSide.inputShutdown()).isTrue();
		serverStream.writeAndFlush(Unpooled.copiedBuffer("pong", StandardCharsets.US_ASCII));
		serverStream.shutdownOutput();
		EmbeddedPair.exchange(client, server);
		assertThat(clientSide.text()).isEqualTo("pong");
		assertThat(stream.isOpen()).isFalse();
		assertThat(serverStream.isOpen()).isFalse();
		assertThat(client.pipeline().get(MplexSession.class).streamCount()).isZero();
		assertThat(server.pipeline().get(MplexSession.class).streamCount()).isZero();
	}

	@Test
	void resetsAStreamWhoseReaderFallsBehind() {
		MplexConfig small = new MplexConfig(16, 1024, MplexConfig.SPEC_MAX_MESSAGE);
		EmbeddedChannel client = connection(MplexConfig.DEFAULT, true);
		EmbeddedChannel server = connection(small, false);
		StreamChannel stream = open(client, recorder());
		stream.writeAndFlush(Unpooled.wrappedBuffer(new byte[2048]));
		EmbeddedPair.exchange(client, server);
		assertThat(this.inbound.get(0).isOpen()).isFalse();
		assertThat(stream.isOpen()).isFalse();
		assertThat(server.isOpen()).isTrue();
	}

	@Test
	void resetsInboundStreamsBeyondTheLimit() {
		EmbeddedChannel server = connection(new MplexConfig(1, 1024, 1024), true);
		server.writeInbound(Unpooled.wrappedBuffer(hex("000130" + "080131")));
		assertThat(this.inbound).hasSize(1);
		assertThat(hexOut(server)).isEqualTo("0d00");
	}

	@Test
	void closesTheConnectionOnProtocolErrors() {
		EmbeddedChannel duplicate = connection(MplexConfig.DEFAULT, true);
		duplicate.writeInbound(Unpooled.wrappedBuffer(hex("000130000130")));
		assertThat(duplicate.isOpen()).isFalse();
		EmbeddedChannel unknownFlag = connection(MplexConfig.DEFAULT, true);
		unknownFlag.writeInbound(Unpooled.wrappedBuffer(hex("0700")));
		assertThat(unknownFlag.isOpen()).isFalse();
		EmbeddedChannel tooLong = connection(new MplexConfig(16, 1024, 1024), true);
		tooLong.writeInbound(Unpooled.wrappedBuffer(hex("0a8108")));
		assertThat(tooLong.isOpen()).isFalse();
	}

	@Test
	void aResetFromThePeerClosesTheStream() {
		EmbeddedChannel client = connection(MplexConfig.DEFAULT, true);
		StreamChannel stream = open(client, recorder());
		hexOut(client);
		client.writeInbound(Unpooled.wrappedBuffer(hex("0500")));
		assertThat(stream.isOpen()).isFalse();
	}

	private static String hexOut(EmbeddedChannel channel) {
		StringBuilder out = new StringBuilder();
		ByteBuf frame;
		while ((frame = channel.readOutbound()) != null) {
			out.append(ByteBufUtil.hexDump(frame));
			frame.release();
		}
		return out.toString();
	}

	private static byte[] hex(String hex) {
		return HexFormat.of().parseHex(hex);
	}

}
