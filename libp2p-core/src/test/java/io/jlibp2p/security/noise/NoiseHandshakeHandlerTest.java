package io.jlibp2p.security.noise;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.crypto.PrivateKey;
import io.jlibp2p.internal.proto.NoiseProto;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.security.HandshakeException;
import io.jlibp2p.security.SecureSession;
import io.jlibp2p.security.SecurityListener;
import io.jlibp2p.testing.EmbeddedPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class NoiseHandshakeHandlerTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(15);

	private final PrivateKey dialerKey = Keys.generate(KeyType.ED25519);

	private final PrivateKey listenerKey = Keys.generate(KeyType.ED25519);

	private final Outcome dialerOutcome = new Outcome();

	private final Outcome listenerOutcome = new Outcome();

	private final List<EmbeddedChannel> channels = new ArrayList<>();

	@AfterEach
	void releaseEverything() {
		this.channels.forEach(EmbeddedChannel::finishAndReleaseAll);
	}

	private EmbeddedChannel dialer(PeerId expected) {
		return channel(new NoiseHandshakeHandler(this.dialerKey, true, expected, TIMEOUT, this.dialerOutcome));
	}

	private EmbeddedChannel listener() {
		return channel(new NoiseHandshakeHandler(this.listenerKey, false, null, TIMEOUT, this.listenerOutcome));
	}

	private EmbeddedChannel channel(NoiseHandshakeHandler handler) {
		EmbeddedChannel channel = new EmbeddedChannel(handler);
		this.channels.add(channel);
		return channel;
	}

	private PeerId peer(PrivateKey key) {
		return PeerId.fromPublicKey(key.publicKey());
	}

	@ParameterizedTest
	@EnumSource(KeyType.class)
	void authenticatesBothSidesWithEveryKeyType(KeyType type) {
		PrivateKey listenerKey = Keys.generate(type);
		EmbeddedChannel dialer = dialer(peer(listenerKey));
		EmbeddedChannel listener = channel(
				new NoiseHandshakeHandler(listenerKey, false, null, TIMEOUT, this.listenerOutcome));
		EmbeddedPair.exchange(dialer, listener);
		assertThat(this.dialerOutcome.sessions).singleElement()
			.satisfies((session) -> assertThat(session.remotePeer()).isEqualTo(peer(listenerKey)));
		assertThat(this.listenerOutcome.sessions).singleElement()
			.satisfies((session) -> assertThat(session.remotePeer()).isEqualTo(peer(this.dialerKey)));
		assertThat(dialer.pipeline().get(NoiseHandshakeHandler.class)).isNull();
		assertThat(dialer.pipeline().get(NoiseTransportCodec.class)).isNotNull();
	}

	@Test
	void handshakeMessagesHaveTheSizesTheSpecGivesForEd25519() {
		EmbeddedChannel dialer = dialer(peer(this.listenerKey));
		EmbeddedChannel listener = listener();
		ByteBuf first = dialer.readOutbound();
		assertThat(first.readableBytes()).isEqualTo(2 + 32);
		listener.writeInbound(first);
		ByteBuf second = listener.readOutbound();
		assertThat(second.readableBytes()).isEqualTo(202);
		dialer.writeInbound(second);
		ByteBuf third = dialer.readOutbound();
		assertThat(third.readableBytes()).isEqualTo(170);
		listener.writeInbound(third);
		assertThat(this.listenerOutcome.sessions).hasSize(1);
	}

	@Test
	void carriesDataBothWaysAndSplitsLargeWrites() {
		EmbeddedChannel dialer = dialer(peer(this.listenerKey));
		EmbeddedChannel listener = listener();
		EmbeddedPair.exchange(dialer, listener);
		byte[] large = new byte[3 * NoiseTransportCodec.MAX_PLAINTEXT + 7];
		new SecureRandom().nextBytes(large);
		dialer.writeOutbound(Unpooled.wrappedBuffer(large));
		ByteBuf encrypted = dialer.readOutbound();
		assertThat(encrypted.readableBytes()).isEqualTo(large.length + 4 * (2 + 16));
		listener.writeInbound(encrypted);
		ByteBuf received = Unpooled.buffer();
		ByteBuf part;
		while ((part = listener.readInbound()) != null) {
			received.writeBytes(part);
			part.release();
		}
		assertThat(received.array()).startsWith(large);
		assertThat(received.readableBytes()).isEqualTo(large.length);
		received.release();
		listener.writeOutbound(Unpooled.wrappedBuffer(new byte[] { 1, 2, 3 }));
		EmbeddedPair.exchange(dialer, listener);
		ByteBuf reply = dialer.readInbound();
		assertThat(reply.readableBytes()).isEqualTo(3);
		reply.release();
	}

	@Test
	void carriesACompositeOfDirectAndHeapPartsAcrossFrames() {
		EmbeddedChannel dialer = dialer(peer(this.listenerKey));
		EmbeddedChannel listener = listener();
		EmbeddedPair.exchange(dialer, listener);
		// as yamux writes: a header, then data; here spanning two Noise frames
		byte[] header = { 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
		byte[] data = new byte[NoiseTransportCodec.MAX_PLAINTEXT + 100];
		new SecureRandom().nextBytes(data);
		CompositeByteBuf message = Unpooled.compositeBuffer()
			.addComponent(true, Unpooled.directBuffer().writeBytes(header))
			.addComponent(true, Unpooled.wrappedBuffer(data));
		dialer.writeOutbound(message);
		listener.writeInbound((ByteBuf) dialer.readOutbound());
		ByteBuf received = Unpooled.buffer();
		ByteBuf part;
		while ((part = listener.readInbound()) != null) {
			received.writeBytes(part);
			part.release();
		}
		byte[] sent = new byte[header.length + data.length];
		System.arraycopy(header, 0, sent, 0, header.length);
		System.arraycopy(data, 0, sent, header.length, data.length);
		assertThat(ByteBufUtil.getBytes(received)).isEqualTo(sent);
		received.release();
	}

	@Test
	void refusesAPeerOtherThanTheOneDialed() {
		PeerId someoneElse = peer(Keys.generate(KeyType.ED25519));
		EmbeddedChannel dialer = dialer(someoneElse);
		EmbeddedChannel listener = listener();
		EmbeddedPair.exchange(dialer, listener);
		assertThat(this.dialerOutcome.failures)
			.containsExactly("dialed " + someoneElse + " but the remote peer is " + peer(this.listenerKey));
		assertThat(dialer.isOpen()).isFalse();
		assertThat(this.listenerOutcome.sessions).isEmpty();
	}

	@Test
	void refusesATamperedMessage() {
		EmbeddedChannel dialer = dialer(peer(this.listenerKey));
		EmbeddedChannel listener = listener();
		listener.writeInbound((ByteBuf) dialer.readOutbound());
		ByteBuf second = listener.readOutbound();
		second.setByte(100, second.getByte(100) ^ 1);
		dialer.writeInbound(second);
		assertThat(this.dialerOutcome.failures).containsExactly("Noise message failed authentication");
		assertThat(dialer.isOpen()).isFalse();
	}

	@Test
	void refusesAnIdentitySignatureOverAnotherStaticKey() {
		EmbeddedChannel dialer = dialer(peer(this.listenerKey));
		NoiseHandshake forger = new NoiseHandshake(false, new SecureRandom());
		forger.readMessage(frameBody(dialer.readOutbound()));
		byte[] wrongStatic = new byte[32];
		byte[] payload = NoiseProto.NoiseHandshakePayload.newBuilder()
			.setIdentityKey(ByteString.copyFrom(this.listenerKey.publicKey().marshal()))
			.setIdentitySig(ByteString.copyFrom(this.listenerKey.sign(wrongStatic)))
			.build()
			.toByteArray();
		byte[] second = forger.writeMessage(payload);
		dialer.writeInbound(Unpooled.buffer().writeShort(second.length).writeBytes(second));
		assertThat(this.dialerOutcome.failures)
			.containsExactly("identity signature over the Noise static key does not verify");
	}

	@Test
	void refusesAShortMessage() {
		EmbeddedChannel listener = listener();
		listener.writeInbound(Unpooled.wrappedBuffer(new byte[] { 0, 3, 1, 2, 3 }));
		assertThat(this.listenerOutcome.failures)
			.containsExactly("Noise message 1 of 3 bytes is too short (32 needed)");
		assertThat(listener.isOpen()).isFalse();
	}

	@Test
	void closesTheConnectionOnGarbageAfterTheHandshake() {
		EmbeddedChannel dialer = dialer(peer(this.listenerKey));
		EmbeddedChannel listener = listener();
		EmbeddedPair.exchange(dialer, listener);
		listener.writeInbound(Unpooled.wrappedBuffer(
				new byte[] { 0, 20, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20 }));
		assertThat(listener.isOpen()).isFalse();
		assertThat((Object) listener.readInbound()).isNull();
	}

	@Test
	void timesOut() {
		EmbeddedChannel listener = listener();
		listener.advanceTimeBy(16, TimeUnit.SECONDS);
		listener.runScheduledPendingTasks();
		assertThat(this.listenerOutcome.failures).containsExactly("Noise handshake timed out after 15000 ms");
		assertThat(listener.isOpen()).isFalse();
	}

	private static byte[] frameBody(ByteBuf frame) {
		byte[] body = new byte[frame.readableBytes() - 2];
		frame.skipBytes(2).readBytes(body);
		frame.release();
		return body;
	}

	private static final class Outcome implements SecurityListener {

		private final List<SecureSession> sessions = new ArrayList<>();

		private final List<String> failures = new ArrayList<>();

		@Override
		public void secured(ChannelHandlerContext ctx, SecureSession session) {
			this.sessions.add(session);
		}

		@Override
		public void failed(ChannelHandlerContext ctx, HandshakeException cause) {
			this.failures.add(cause.getMessage());
		}

	}

}
