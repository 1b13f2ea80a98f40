package io.jlibp2p.security.noise;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import org.jspecify.annotations.Nullable;

import io.jlibp2p.codec.HandshakeDecoder;
import io.jlibp2p.crypto.KeyEncodingException;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.crypto.PrivateKey;
import io.jlibp2p.crypto.PublicKey;
import io.jlibp2p.internal.proto.NoiseProto;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.security.HandshakeException;
import io.jlibp2p.security.PeerMismatchException;
import io.jlibp2p.security.SecureSession;
import io.jlibp2p.security.SecurityListener;

/**
 * Runs the libp2p Noise XX handshake on a raw connection, then puts a
 * {@link NoiseTransportCodec} in its place and leaves the pipeline.
 *
 * <p>
 * Handshake messages are framed with a 2-byte big-endian length. The payload of messages
 * 2 and 3 carries the sender's identity key and its signature over
 * {@code "noise-libp2p-static-key:" ‖ static Noise key}, which binds the Noise session to
 * the libp2p identity. A dialer that knows whom it dialed passes the expected PeerId; any
 * other peer fails the handshake. Failures (malformed or unauthenticated messages, bad
 * signatures, the wrong peer, a timeout) close the channel after telling the
 * {@link SecurityListener}. Not sharable.
 */
public final class NoiseHandshakeHandler extends HandshakeDecoder<HandshakeException> {

	/** The protocol id negotiated with multistream-select. */
	public static final String PROTOCOL_ID = "/noise";

	/**
	 * How long a handshake may take by default. go allows 15 s for an inbound upgrade.
	 */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

	static final byte[] SIGNATURE_PREFIX = "noise-libp2p-static-key:".getBytes(StandardCharsets.US_ASCII);

	/**
	 * Largest handshake payload accepted: a key, a signature and a few extensions fit
	 * easily.
	 */
	static final int MAX_HANDSHAKE_MESSAGE = 8 * 1024;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final PrivateKey identity;

	private final @Nullable PeerId expectedRemote;

	private final SecurityListener listener;

	private final NoiseHandshake handshake;

	/**
	 * Creates the handler.
	 * @param identity this node's identity key
	 * @param initiator whether this side dialed
	 * @param expectedRemote the peer the dialer expects, or {@code null} to accept any
	 * @param timeout how long the handshake may take
	 * @param listener told the outcome
	 */
	public NoiseHandshakeHandler(PrivateKey identity, boolean initiator, @Nullable PeerId expectedRemote,
			Duration timeout, SecurityListener listener) {
		super(timeout);
		this.identity = identity;
		this.expectedRemote = expectedRemote;
		this.listener = listener;
		this.handshake = new NoiseHandshake(initiator, RANDOM);
	}

	@Override
	protected void started(ChannelHandlerContext ctx) {
		if (this.handshake.isInitiator()) {
			writeFrame(ctx, this.handshake.writeMessage(new byte[0]));
		}
	}

	@Override
	protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
		while (!isFinished()) {
			byte[] message = NoiseFrames.read(in);
			if (message == null) {
				return;
			}
			try {
				onMessage(ctx, message);
			}
			catch (HandshakeException ex) {
				fail(ctx, ex);
			}
		}
	}

	private void onMessage(ChannelHandlerContext ctx, byte[] message) {
		if (message.length > MAX_HANDSHAKE_MESSAGE) {
			throw new HandshakeException("Noise handshake message of " + message.length + " bytes exceeds the limit of "
					+ MAX_HANDSHAKE_MESSAGE);
		}
		byte[] payload = this.handshake.readMessage(message);
		if (this.handshake.messagesDone() == 1) {
			writeFrame(ctx, this.handshake.writeMessage(localPayload()));
			return;
		}
		PublicKey remoteKey = verifiedRemoteKey(payload);
		if (this.handshake.isInitiator()) {
			writeFrame(ctx, this.handshake.writeMessage(localPayload()));
		}
		complete(ctx, remoteKey);
	}

	private byte[] localPayload() {
		byte[] signed = concat(SIGNATURE_PREFIX, this.handshake.staticPublicKey());
		return NoiseProto.NoiseHandshakePayload.newBuilder()
			.setIdentityKey(ByteString.copyFrom(this.identity.publicKey().marshal()))
			.setIdentitySig(ByteString.copyFrom(this.identity.sign(signed)))
			.build()
			.toByteArray();
	}

	private PublicKey verifiedRemoteKey(byte[] payload) {
		NoiseProto.NoiseHandshakePayload proto;
		PublicKey key;
		try {
			proto = NoiseProto.NoiseHandshakePayload.parseFrom(payload);
			if (!proto.hasIdentityKey() || !proto.hasIdentitySig()) {
				throw new HandshakeException("Noise handshake payload lacks the identity key or signature");
			}
			key = Keys.unmarshalPublicKey(proto.getIdentityKey().toByteArray());
		}
		catch (InvalidProtocolBufferException | KeyEncodingException ex) {
			throw new HandshakeException("invalid Noise handshake payload: " + ex.getMessage(), ex);
		}
		byte[] signed = concat(SIGNATURE_PREFIX, this.handshake.remoteStaticKey());
		if (!key.verify(signed, proto.getIdentitySig().toByteArray())) {
			throw new HandshakeException("identity signature over the Noise static key does not verify");
		}
		PeerId remote = PeerId.fromPublicKey(key);
		if (this.expectedRemote != null && !this.expectedRemote.equals(remote)) {
			throw new PeerMismatchException("dialed " + this.expectedRemote + " but the remote peer is " + remote);
		}
		return key;
	}

	private void complete(ChannelHandlerContext ctx, PublicKey remoteKey) {
		succeeded();
		CipherState[] ciphers = this.handshake.split();
		NoiseTransportCodec codec = new NoiseTransportCodec(ciphers[0], ciphers[1]);
		ctx.pipeline().addAfter(ctx.name(), null, codec);
		SecureSession session = new SecureSession(PROTOCOL_ID, PeerId.fromPublicKey(this.identity.publicKey()),
				PeerId.fromPublicKey(remoteKey), remoteKey);
		this.listener.secured(ctx.pipeline().context(codec), session);
		ctx.pipeline().remove(this);
	}

	@Override
	protected HandshakeException timedOut(Duration timeout) {
		return new HandshakeException("Noise handshake timed out after " + timeout.toMillis() + " ms");
	}

	@Override
	protected HandshakeException closedEarly() {
		return new HandshakeException("connection closed during the Noise handshake");
	}

	@Override
	protected void failed(ChannelHandlerContext ctx, HandshakeException cause) {
		this.listener.failed(ctx, cause);
	}

	private static void writeFrame(ChannelHandlerContext ctx, byte[] message) {
		ByteBuf frame = ctx.alloc().buffer(2 + message.length);
		frame.writeShort(message.length).writeBytes(message);
		ctx.writeAndFlush(frame);
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] out = new byte[first.length + second.length];
		System.arraycopy(first, 0, out, 0, first.length);
		System.arraycopy(second, 0, out, first.length, second.length);
		return out;
	}

}
