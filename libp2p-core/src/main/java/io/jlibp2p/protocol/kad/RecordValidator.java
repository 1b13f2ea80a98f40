package io.jlibp2p.protocol.kad;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.jlibp2p.crypto.KeyEncodingException;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.crypto.PublicKey;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.peer.PeerIdException;

/**
 * Decides whether a record may be stored under its key, for one key namespace (the text
 * between the first two slashes of the key, such as {@code pk} in {@code /pk/…}).
 */
@FunctionalInterface
public interface RecordValidator {

	/**
	 * The {@code /pk/} namespace: the key is {@code /pk/} followed by a PeerId's bytes,
	 * the value that peer's protobuf public key.
	 */
	RecordValidator PUBLIC_KEY = (key, value) -> {
		byte[] prefix = "/pk/".getBytes(StandardCharsets.US_ASCII);
		if (key.length <= prefix.length || !Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length)) {
			throw new KadException("a /pk/ key needs a PeerId after the prefix");
		}
		try {
			PeerId peer = PeerId.fromBytes(Arrays.copyOfRange(key, prefix.length, key.length));
			PublicKey publicKey = Keys.unmarshalPublicKey(value);
			if (!peer.matches(publicKey)) {
				throw new KadException("the public key is not the key of " + peer);
			}
		}
		catch (PeerIdException | KeyEncodingException ex) {
			throw new KadException("invalid /pk/ record: " + ex.getMessage());
		}
	};

	/**
	 * For a namespace open to any value, as an application's own namespace on a private
	 * DHT may be: every record is stored, a newer one received replaces an older one.
	 */
	RecordValidator ACCEPT_ANY = (key, value) -> {
	};

	/**
	 * Returns the {@code /pk/} key of a peer: where its public key is stored.
	 * @param peer the peer
	 * @return {@code /pk/} followed by the PeerId's bytes
	 */
	static byte[] publicKeyKey(PeerId peer) {
		byte[] prefix = "/pk/".getBytes(StandardCharsets.US_ASCII);
		byte[] id = peer.toBytes();
		byte[] key = Arrays.copyOf(prefix, prefix.length + id.length);
		System.arraycopy(id, 0, key, prefix.length, id.length);
		return key;
	}

	/**
	 * Checks a record.
	 * @param key the key
	 * @param value the value
	 * @throws KadException if the record must not be stored
	 */
	void validate(byte[] key, byte[] value);

	/**
	 * Checks a record against the validator of its key's namespace.
	 * @param validators validators by namespace
	 * @param key the key
	 * @param value the value
	 * @throws KadException if the namespace has no validator or the value is invalid
	 */
	static void check(Map<String, RecordValidator> validators, byte[] key, byte[] value) {
		String namespace = namespace(key);
		RecordValidator validator = (namespace != null) ? validators.get(namespace) : null;
		if (validator == null) {
			throw new KadException("no validator for the namespace of this key");
		}
		validator.validate(key, value);
	}

	/**
	 * Returns the namespace of a key.
	 * @param key the key
	 * @return the text between the first two slashes, or {@code null} if there is none
	 */
	static @Nullable String namespace(byte[] key) {
		if (key.length < 3 || key[0] != '/') {
			return null;
		}
		for (int i = 1; i < key.length; i++) {
			if (key[i] == '/') {
				return (i > 1) ? new String(key, 1, i - 1, StandardCharsets.UTF_8) : null;
			}
		}
		return null;
	}

}
