package io.jlibp2p.security.pnet;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The nonce exchange and XSalsa20 on embedded channels: the same key carries bytes both
 * ways unchanged, another key, no key or silence fail the connection with a
 * {@link PnetException}.
 */
class PnetHandlerTest {

	private static final byte[] HEADER = "\u0013/multistream/1.0.0\n".getBytes(StandardCharsets.US_ASCII);

	private final List<PnetException> failures = new ArrayList<>();

	private static PreSharedKey randomKey() {
		byte[] key = new byte[PreSharedKey.LENGTH];
		new SecureRandom().nextBytes(key);
		return PreSharedKey.of(key);
	}

	private EmbeddedChannel channel(PreSharedKey key) {
		return new EmbeddedChannel(new PnetHandler(key, Duration.ofSeconds(10), this.failures::add));
	}

	/** Moves everything one channel wrote into the other. */
	private static void deliver(EmbeddedChannel from, EmbeddedChannel to) {
		ByteBuf written;
		while ((written = from.readOutbound()) != null) {
			to.writeInbound(written);
		}
	}

	private static byte[] readAll(EmbeddedChannel channel) {
		ByteBuf all = Unpooled.buffer();
		ByteBuf read;
		while ((read = channel.readInbound()) != null) {
			all.writeBytes(read);
			read.release();
		}
		byte[] bytes = ByteBufUtil.getBytes(all);
		all.release();
		return bytes;
	}

	@Test
	void theSameKeyCarriesBytesBothWaysAndHidesThem() {
		PreSharedKey key = randomKey();
		EmbeddedChannel dialer = channel(key);
		EmbeddedChannel listener = channel(key);
		dialer.writeOutbound(Unpooled.wrappedBuffer(HEADER),
				Unpooled.copiedBuffer("/noise\n", StandardCharsets.US_ASCII));
		listener.writeOutbound(Unpooled.wrappedBuffer(HEADER));
		ByteBuf nonceAndCiphertext = Unpooled.buffer();
		for (Object written : dialer.outboundMessages()) {
			nonceAndCiphertext.writeBytes(((ByteBuf) written).duplicate());
		}
		assertThat(ByteBufUtil.getBytes(nonceAndCiphertext, PnetHandler.NONCE_LENGTH, HEADER.length))
			.as("nothing after the nonce is in the clear")
			.isNotEqualTo(HEADER);
		nonceAndCiphertext.release();
		deliver(dialer, listener);
		deliver(listener, dialer);
		assertThat(new String(readAll(listener), StandardCharsets.US_ASCII))
			.isEqualTo("\u0013/multistream/1.0.0\n/noise\n");
		assertThat(readAll(dialer)).isEqualTo(HEADER);
		assertThat(this.failures).isEmpty();
		assertThat(dialer.finishAndReleaseAll()).isFalse();
		assertThat(listener.finishAndReleaseAll()).isFalse();
	}

	@Test
	void bytesSplitAcrossReadsArriveWhole() {
		PreSharedKey key = randomKey();
		EmbeddedChannel dialer = channel(key);
		EmbeddedChannel listener = channel(key);
		dialer.writeOutbound(Unpooled.wrappedBuffer(HEADER));
		ByteBuf all = Unpooled.buffer();
		ByteBuf written;
		while ((written = dialer.readOutbound()) != null) {
			all.writeBytes(written);
			written.release();
		}
		while (all.isReadable()) {
			listener.writeInbound(all.readRetainedSlice(Math.min(5, all.readableBytes())));
		}
		all.release();
		assertThat(readAll(listener)).isEqualTo(HEADER);
		assertThat(this.failures).isEmpty();
		dialer.finishAndReleaseAll();
		listener.finishAndReleaseAll();
	}

	@Test
	void anotherKeyFailsTheConnection() {
		EmbeddedChannel dialer = channel(randomKey());
		EmbeddedChannel listener = channel(randomKey());
		dialer.writeOutbound(Unpooled.wrappedBuffer(HEADER));
		deliver(dialer, listener);
		assertThat(this.failures).singleElement()
			.satisfies((failure) -> assertThat(failure.getMessage()).contains("not in this private network"));
		assertThat(listener.isOpen()).isFalse();
		assertThat(readAll(listener)).isEmpty();
		dialer.finishAndReleaseAll();
		listener.finishAndReleaseAll();
	}

	@Test
	void aPeerWithoutAKeyFailsTheConnection() {
		EmbeddedChannel listener = channel(randomKey());
		ByteBuf plain = Unpooled.buffer();
		plain.writeBytes(HEADER).writeBytes("\u0007/noise\n".getBytes(StandardCharsets.US_ASCII));
		plain.writeBytes(HEADER);
		listener.writeInbound(plain);
		assertThat(this.failures).hasSize(1);
		assertThat(listener.isOpen()).isFalse();
		listener.finishAndReleaseAll();
	}

	@Test
	void aSilentPeerFailsWithinTheTimeout() {
		EmbeddedChannel listener = channel(randomKey());
		listener.writeInbound(Unpooled.wrappedBuffer(new byte[10]));
		listener.advanceTimeBy(10, TimeUnit.SECONDS);
		listener.runScheduledPendingTasks();
		assertThat(this.failures).singleElement()
			.satisfies((failure) -> assertThat(failure.getMessage()).contains("within 10000 ms"));
		assertThat(listener.isOpen()).isFalse();
		listener.finishAndReleaseAll();
	}

}
