package io.jlibp2p.security.noise;

import java.security.SecureRandom;

import com.google.protobuf.ByteString;

import io.jlibp2p.crypto.PrivateKey;
import io.jlibp2p.crypto.PublicKey;
import io.jlibp2p.internal.proto.NoiseProto;

/**
 * A Noise XX initiator for attack tests, driven message by message over whatever carries
 * its frames: its third message claims one identity key with a signature made by another.
 */
public final class ForgedNoiseInitiator {

	private final NoiseHandshake handshake = new NoiseHandshake(true, new SecureRandom());

	/**
	 * Returns the first message.
	 * @return the message, without framing
	 */
	public byte[] firstMessage() {
		return this.handshake.writeMessage(new byte[0]);
	}

	/**
	 * Reads the responder's message.
	 * @param message the message, without framing
	 */
	public void readSecondMessage(byte[] message) {
		this.handshake.readMessage(message);
	}

	/**
	 * Returns the third message, whose payload claims an identity that another key signed
	 * for.
	 * @param claimed the identity key the payload names
	 * @param signer the key that signs this side's static Noise key instead
	 * @return the message, without framing
	 */
	public byte[] thirdMessage(PublicKey claimed, PrivateKey signer) {
		byte[] staticKey = this.handshake.staticPublicKey();
		byte[] signed = new byte[NoiseHandshakeHandler.SIGNATURE_PREFIX.length + staticKey.length];
		System.arraycopy(NoiseHandshakeHandler.SIGNATURE_PREFIX, 0, signed, 0,
				NoiseHandshakeHandler.SIGNATURE_PREFIX.length);
		System.arraycopy(staticKey, 0, signed, NoiseHandshakeHandler.SIGNATURE_PREFIX.length, staticKey.length);
		byte[] payload = NoiseProto.NoiseHandshakePayload.newBuilder()
			.setIdentityKey(ByteString.copyFrom(claimed.marshal()))
			.setIdentitySig(ByteString.copyFrom(signer.sign(signed)))
			.build()
			.toByteArray();
		return this.handshake.writeMessage(payload);
	}

}
