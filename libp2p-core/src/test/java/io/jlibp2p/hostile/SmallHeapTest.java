package io.jlibp2p.hostile;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jlibp2p.interop.JavaPeer;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.multiformats.Protocol;
import io.jlibp2p.muxer.StreamChannel;
import io.jlibp2p.muxer.yamux.YamuxSession;
import io.jlibp2p.protocol.identify.Identify;
import io.jlibp2p.protocol.ping.Ping;
import io.jlibp2p.protocol.ping.PingConfig;
import io.jlibp2p.testing.Nodes;
import io.jlibp2p.transport.Connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Length bombs against a node in a JVM with a 64 MiB heap: uvarint prefixes claiming four
 * gigabytes before authentication, on hundreds of streams, after a protocol was agreed,
 * and in a yamux header. Nothing may be allocated for a claimed length: the node survives
 * every one, without an {@link OutOfMemoryError}, and still answers pings.
 */
class SmallHeapTest {

	private static final byte[] BOMB = { (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f };

	private final Nodes nodes = new Nodes();

	private Process target;

	@AfterEach
	void close() throws InterruptedException {
		this.nodes.close();
		if (this.target != null) {
			this.target.destroyForcibly();
			this.target.waitFor(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void lengthBombsCannotExhaustASixtyFourMebibyteHeap(@TempDir Path directory) throws Exception {
		Path errors = directory.resolve("target.err");
		this.target = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
				"-XX:+CrashOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"), JavaPeer.class.getName())
			.redirectError(errors.toFile())
			.start();
		Multiaddr address = listening();
		int port = Integer.parseInt(address.valueOf(Protocol.TCP).orElseThrow());

		for (int i = 0; i < 200; i++) {
			try (Socket raw = new Socket("127.0.0.1", port)) {
				OutputStream out = raw.getOutputStream();
				out.write(BOMB);
				out.write(new byte[4096]);
				out.flush();
			}
		}

		Connection attacker = this.nodes.swarm().dial(address).get(30, TimeUnit.SECONDS);
		YamuxSession session = attacker.channel().pipeline().get(YamuxSession.class);
		List<StreamChannel> streams = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			StreamChannel stream = session.openStream((opened) -> {
			}).get(10, TimeUnit.SECONDS);
			stream.writeAndFlush(Unpooled.wrappedBuffer(BOMB, new byte[1024]));
			streams.add(stream);
		}
		// a bomb after the protocol was agreed, where the protocol's own frames begin
		for (int i = 0; i < 50; i++) {
			attacker.newStream(List.of(Identify.PUSH_ID), (connection, stream) -> {
			}).get(10, TimeUnit.SECONDS).writeAndFlush(Unpooled.wrappedBuffer(BOMB, new byte[1024]));
		}
		// the node closed or reset every one of them
		await().atMost(30, TimeUnit.SECONDS)
			.until(() -> streams.stream().allMatch((stream) -> !stream.isOpen() || stream.isInputShutdown()));

		// a yamux data frame that claims four gigabytes for one stream
		ChannelHandlerContext yamux = attacker.channel().pipeline().context(YamuxSession.class);
		yamux.executor()
			.submit(() -> yamux.writeAndFlush(
					Unpooled.buffer().writeByte(0).writeByte(0).writeShort(1).writeInt(1_000_001).writeInt(-1)))
			.get(10, TimeUnit.SECONDS);
		await().atMost(30, TimeUnit.SECONDS).until(() -> !attacker.isOpen());

		Ping ping = new Ping(new PingConfig(null, Duration.ofSeconds(10), Duration.ofSeconds(60)));
		Connection honest = this.nodes.swarm(ping).dial(address).get(30, TimeUnit.SECONDS);
		for (int i = 0; i < 10; i++) {
			ping.ping(honest).get(10, TimeUnit.SECONDS);
		}
		assertThat(this.target.isAlive()).isTrue();
		assertThat(Files.readString(errors)).doesNotContain("OutOfMemoryError");
	}

	private Multiaddr listening() throws Exception {
		BufferedReader lines = new BufferedReader(
				new InputStreamReader(this.target.getInputStream(), StandardCharsets.UTF_8));
		String line = lines.readLine();
		assertThat(line).as("the target's first line").contains("\"listening\"");
		int start = line.indexOf("/ip4/");
		return Multiaddr.parse(line.substring(start, line.indexOf('"', start)));
	}

}
