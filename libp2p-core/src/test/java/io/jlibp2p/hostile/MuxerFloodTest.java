package io.jlibp2p.hostile;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jlibp2p.codec.CloseReason;
import io.jlibp2p.muxer.StreamChannel;
import io.jlibp2p.muxer.yamux.YamuxSession;
import io.jlibp2p.protocol.ping.Ping;
import io.jlibp2p.protocol.ping.PingConfig;
import io.jlibp2p.protocol.ping.PingProtocol;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.swarm.SwarmEvent;
import io.jlibp2p.testing.AttackWatch;
import io.jlibp2p.testing.Nodes;
import io.jlibp2p.transport.Connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Attacks through the muxer by a peer that holds an authenticated connection: yamux ping
 * and SYN floods from a peer that never reads, and a ping stream whose echoes are never
 * read. Each attacker is cut off or throttled while an honest peer keeps pinging.
 */
class MuxerFloodTest {

	private static final long MEMORY_BOUND = 32L << 20;

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
			writeRaw(attacker, 4_000_000, (frame, i) -> header(frame, 2, 1, 0, i));
			awaitCutOff(attacker);
			watch.assertHonestPeerUnharmed(MEMORY_BOUND);
		}
	}

	@Test
	void tenThousandStreamsOpenedAtOnceAreCutOff() throws Exception {
		Connection attacker = attackerThatNeverReads();
		try (AttackWatch watch = honestWatch()) {
			// SYNs of odd (dialer) ids the attacker's own session never uses
			writeRaw(attacker, 10_000, (frame, i) -> header(frame, 1, 1, 100_001 + 2 * i, 0));
			awaitCutOff(attacker);
			await().atMost(10, TimeUnit.SECONDS)
				.until(() -> this.target.resourceManager().systemUsage().streamsInbound() <= 1);
			watch.assertHonestPeerUnharmed(MEMORY_BOUND);
		}
	}

	@Test
	void aPingStreamWhoseEchoesAreNeverReadIsNoLongerRead() throws Exception {
		Connection attacker = this.nodes.swarm().dial(Nodes.dialable(this.target)).join();
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
		assertThat(sent.get()).as("bytes the target took before it stopped reading").isLessThan(8L << 20);
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

	private void awaitCutOff(Connection attacker) {
		await().atMost(20, TimeUnit.SECONDS)
			.until(() -> this.closes.stream()
				.anyMatch((closed) -> closed.connection().remotePeer().equals(attacker.localPeer())));
		assertThat(this.closes).filteredOn((closed) -> closed.connection().remotePeer().equals(attacker.localPeer()))
			.singleElement()
			.satisfies((closed) -> assertThat(closed.cause().cause()).isEqualTo(CloseReason.Cause.LIMIT));
	}

	/** Writes raw yamux frames below the attacker's session, through its Noise. */
	private static void writeRaw(Connection attacker, int count, FrameWriter frames) throws Exception {
		ChannelHandlerContext yamux = attacker.channel().pipeline().context(YamuxSession.class);
		int perBatch = 1_000;
		for (int first = 0; first < count; first += perBatch) {
			int from = first;
			yamux.executor().submit(() -> {
				ByteBuf batch = Unpooled.buffer(12 * perBatch);
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
