package io.jlibp2p.hostile;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.jlibp2p.codec.CloseReason;
import io.jlibp2p.codec.Uvarints;
import io.jlibp2p.muxer.StreamChannel;
import io.jlibp2p.muxer.mplex.MplexSession;
import io.jlibp2p.muxer.yamux.YamuxSession;
import io.jlibp2p.protocol.ping.Ping;
import io.jlibp2p.protocol.ping.PingConfig;
import io.jlibp2p.protocol.ping.PingProtocol;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.swarm.SwarmConfig;
import io.jlibp2p.swarm.SwarmEvent;
import io.jlibp2p.testing.AttackWatch;
import io.jlibp2p.testing.Nodes;
import io.jlibp2p.transport.Connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Attacks through the muxer by a peer that holds an authenticated connection: yamux ping
 * and SYN floods from a peer that never reads, data beyond a yamux stream's window, and
 * ping streams whose echoes are never read, over yamux and over mplex (which has no flow
 * control). Each attacker is cut off or throttled while an honest peer keeps pinging.
 */
class MuxerFloodTest {

	/**
	 * Both ends live in this JVM, so this counts the attacker's buffers too (a window or
	 * 4 MiB of unread data on each side, write backlogs) and the pooled allocator's
	 * chunks: 22-36 MiB were measured for the slow-reader floods. Without the limits
	 * these attacks grow memory by GiBs.
	 */
	private static final long MEMORY_BOUND = 48L << 20;

	private static final PingConfig ON_REQUEST = new PingConfig(null, Duration.ofSeconds(5), Duration.ofSeconds(60));

	private final Nodes nodes = new Nodes();

	private final Swarm target = this.nodes.listening(new Ping(ON_REQUEST));

	private final List<SwarmEvent.ConnectionClosed> closes = new CopyOnWriteArrayList<>();

	@AfterEach
	void close() {
		this.nodes.close();
	}

	@Test
	void aPingFloodFromAPeerThatNeverReadsIsCutOff() throws Exception {
		Connection attacker = attackerThatNeverReads();
		try (AttackWatch watch = honestWatch()) {
			// 12-byte pings whose pongs are never read: up to 48 MB, more than the
			// kernel's
			// socket buffers on both sides hold, so the node's own backlog must grow
			writeRaw(attacker, 4_000_000, 1_000, false, (frame, i) -> header(frame, 2, 1, 0, i));
			awaitCutOff(attacker, CloseReason.Cause.LIMIT);
			watch.assertHonestPeerUnharmed(MEMORY_BOUND);
		}
	}

	@Test
	void tenThousandStreamsOpenedAtOnceAreCutOff() throws Exception {
		Connection attacker = attackerThatNeverReads();
		try (AttackWatch watch = honestWatch()) {
			// SYNs of odd (dialer) ids the attacker's own session never uses
			writeRaw(attacker, 10_000, 1_000, false, (frame, i) -> header(frame, 1, 1, 100_001 + 2 * i, 0));
			awaitCutOff(attacker, CloseReason.Cause.LIMIT);
			await().atMost(10, TimeUnit.SECONDS)
				.until(() -> this.target.resourceManager().systemUsage().streamsInbound() <= 1);
			watch.assertHonestPeerUnharmed(MEMORY_BOUND);
		}
	}

	@Test
	void dataBeyondAStreamsWindowCutsTheConnection() throws Exception {
		Connection attacker = attackerThatNeverReads();
		int streamId = 99_999;
		ByteBuf negotiation = Unpooled.buffer();
		Stream.of("/multistream/1.0.0", PingProtocol.ID).forEach((line) -> {
			Uvarints.write(line.length() + 1, negotiation);
			negotiation.writeCharSequence(line + "\n", StandardCharsets.UTF_8);
		});
		try (AttackWatch watch = honestWatch()) {
			// pings whose echoes are never read: the node stops reading them and its
			// window runs out, but the attacker goes on sending, up to 256 MiB
			writeRaw(attacker, 8_192, 16, true, (frame, i) -> {
				if (i == 0) {
					header(frame, 0, 1, streamId, negotiation.readableBytes());
					frame.writeBytes(negotiation);
				}
				header(frame, 0, 0, streamId, 32 * 1024);
				frame.writeZero(32 * 1024);
			});
			awaitCutOff(attacker, CloseReason.Cause.PROTOCOL_ERROR);
			watch.assertHonestPeerUnharmed(MEMORY_BOUND);
		}
		negotiation.release();
	}

	@ParameterizedTest
	@ValueSource(strings = { YamuxSession.PROTOCOL_ID, MplexSession.PROTOCOL_ID })
	void aPingStreamWhoseEchoesAreNeverReadIsNoLongerRead(String muxer) throws Exception {
		Swarm attackerNode = this.nodes.swarm((builder) -> builder
			.config(SwarmConfig.DEFAULT.withMuxers(List.of(muxer), SwarmConfig.DEFAULT.yamux())));
		Connection attacker = attackerNode.dial(Nodes.dialable(this.target)).join();
		assertThat(attacker.muxer()).isEqualTo(muxer);
		StreamChannel stream = attacker.newStream(List.of(PingProtocol.ID), (connection, opened) -> {
			// echoes pile up unread on the attacker's side
			opened.config().setAutoRead(false);
		}).get(10, TimeUnit.SECONDS);
		AtomicLong sent = new AtomicLong();
		try (AttackWatch watch = honestWatch()) {
			stream.pipeline().addLast(new Flooder(sent));
			stream.eventLoop().execute(() -> Flooder.flood(stream, sent));
			// The attack's length, not a synchronisation: the echo backlog must stop the
			// flow long before it ends.
			long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
			await().atMost(10, TimeUnit.SECONDS).until(() -> System.nanoTime() >= end);
			watch.assertHonestPeerUnharmed(MEMORY_BOUND);
		}
		if (muxer.equals(YamuxSession.PROTOCOL_ID)) {
			// the window stops the writer once the node stops reading
			assertThat(sent.get()).as("bytes the target took before it stopped reading").isLessThan(8L << 20);
			assertThat(stream.isOpen()).isTrue();
		}
		else {
			// mplex has no flow control: the stream is reset once more than its 4 MiB
			// unread limit piles up (on either side). Sent by then: that limit on each
			// side, the node's echo backlog and the kernel's socket buffers of both ends,
			// which loopback grows to several MiB each (16-32 MiB were seen); without
			// the limit the flood would send a GiB or more in the attack's 3 s.
			await().atMost(10, TimeUnit.SECONDS).until(() -> !stream.isOpen());
			assertThat(sent.get()).as("bytes sent before the reset").isLessThan(64L << 20);
		}
		assertThat(attacker.isOpen()).isTrue();
	}

	private AttackWatch honestWatch() {
		Ping ping = new Ping(ON_REQUEST);
		Connection honest = this.nodes.swarm(ping).dial(Nodes.dialable(this.target)).join();
		return new AttackWatch(ping, honest);
	}

	private Connection attackerThatNeverReads() {
		this.target.addEventListener((event) -> {
			if (event instanceof SwarmEvent.ConnectionClosed closed) {
				this.closes.add(closed);
			}
		});
		Connection attacker = this.nodes.swarm().dial(Nodes.dialable(this.target)).join();
		attacker.channel().config().setAutoRead(false);
		return attacker;
	}

	private void awaitCutOff(Connection attacker, CloseReason.Cause cause) {
		await().atMost(20, TimeUnit.SECONDS)
			.until(() -> this.closes.stream()
				.anyMatch((closed) -> closed.connection().remotePeer().equals(attacker.localPeer())));
		assertThat(this.closes).filteredOn((closed) -> closed.connection().remotePeer().equals(attacker.localPeer()))
			.singleElement()
			.satisfies((closed) -> assertThat(closed.cause().cause()).isEqualTo(cause));
	}

	/**
	 * Writes raw yamux frames below the attacker's session, through its Noise, in batches
	 * from its event loop.
	 * @param paced whether to wait for the attacker's socket between batches; a peer that
	 * never reads is not paced, as it floods regardless
	 */
	private static void writeRaw(Connection attacker, int count, int perBatch, boolean paced, FrameWriter frames)
			throws Exception {
		ChannelHandlerContext yamux = attacker.channel().pipeline().context(YamuxSession.class);
		for (int first = 0; first < count; first += perBatch) {
			int from = first;
			if (paced) {
				// The attacker lives in this JVM: its own backlog must not count as the
				// node's memory, so it writes no faster than its socket takes frames.
				await().atMost(10, TimeUnit.SECONDS).until(() -> !attacker.isOpen() || attacker.channel().isWritable());
			}
			yamux.executor().submit(() -> {
				ByteBuf batch = Unpooled.buffer();
				for (int i = from; i < Math.min(count, from + perBatch); i++) {
					frames.write(batch, i);
				}
				yamux.writeAndFlush(batch);
			}).get(10, TimeUnit.SECONDS);
			if (!attacker.isOpen()) {
				return;
			}
		}
	}

	private static void header(ByteBuf frame, int type, int flags, int streamId, int length) {
		frame.writeByte(0).writeByte(type).writeShort(flags).writeInt(streamId).writeInt(length);
	}

	@FunctionalInterface
	private interface FrameWriter {

		void write(ByteBuf frame, int index);

	}

	/** Writes pings on a stream for as long as it is writable. */
	private static final class Flooder extends ChannelInboundHandlerAdapter {

		private final AtomicLong sent;

		Flooder(AtomicLong sent) {
			this.sent = sent;
		}

		static void flood(StreamChannel stream, AtomicLong sent) {
			while (stream.isOpen() && stream.isWritable()) {
				stream.writeAndFlush(Unpooled.wrappedBuffer(new byte[16 * PingProtocol.PAYLOAD_LENGTH * 128]));
				sent.addAndGet(16 * PingProtocol.PAYLOAD_LENGTH * 128);
			}
		}

		@Override
		public void channelWritabilityChanged(ChannelHandlerContext ctx) {
			flood((StreamChannel) ctx.channel(), this.sent);
			ctx.fireChannelWritabilityChanged();
		}

	}

}
