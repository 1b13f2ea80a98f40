package io.jlibp2p.peer;

import java.util.Arrays;
import java.util.Optional;

import io.jlibp2p.crypto.KeyEncodingException;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.crypto.PublicKey;
import io.jlibp2p.multiformats.Cid;
import io.jlibp2p.multiformats.Multibase;
import io.jlibp2p.multiformats.Multicodec;
import io.jlibp2p.multiformats.MultiformatException;
import io.jlibp2p.multiformats.Multihash;

/**
 * A peer's identity: the multihash of its public key protobuf. Keys of at most
 * {@value #MAX_INLINE_KEY_LENGTH} encoded bytes (Ed25519, secp256k1) are inlined with the
 * identity hash, so the key can be read back from the id; larger ones (RSA, ECDSA) are
 * hashed with SHA2-256.
 *
 * <p>
 * Text forms: base58btc of the multihash ({@code 12D3KooW…}, {@code 16Uiu2HA…},
 * {@code Qm…}), which {@link #toString()} prints, and CIDv1 with the libp2p-key codec
 * ({@code bafz…}); both are parsed. Immutable; comparable by bytes.
 *
 * @see <a href=
 * "https://github.com/libp2p/specs/blob/master/peer-ids/peer-ids.md">peer-ids spec</a>
 */
public final class PeerId implements Comparable<PeerId> {

	/** Longest key protobuf that is inlined with the identity multihash. */
	public static final int MAX_INLINE_KEY_LENGTH = 42;

	private final byte[] multihash;

	private PeerId(byte[] multihash) {
		this.multihash = multihash;
	}

	/**
	 * Derives the PeerId of a public key.
	 * @param key the key
	 * @return its PeerId
	 */
	public static PeerId fromPublicKey(PublicKey key) {
		byte[] encoded = key.marshal();
		Multihash hash = (encoded.length <= MAX_INLINE_KEY_LENGTH) ? Multihash.identity(encoded)
				: Multihash.sha256(encoded);
		return new PeerId(hash.toBytes());
	}

	/**
	 * Reads a PeerId from its binary multihash.
	 * @param bytes an identity multihash of at most {@value #MAX_INLINE_KEY_LENGTH}
	 * bytes, or a SHA2-256 multihash
	 * @return the PeerId
	 * @throws PeerIdException if the bytes are not such a multihash
	 */
	public static PeerId fromBytes(byte[] bytes) throws PeerIdException {
		Multihash hash;
		try {
			hash = Multihash.decode(bytes);
		}
		catch (MultiformatException ex) {
			throw new PeerIdException("PeerId is not a valid multihash: " + ex.getMessage(), ex);
		}
		if (hash.code() == Multicodec.IDENTITY) {
			int length = hash.digest().length;
			if (length == 0 || length > MAX_INLINE_KEY_LENGTH) {
				throw new PeerIdException(
						"identity PeerId must inline 1 to " + MAX_INLINE_KEY_LENGTH + " bytes of key, not " + length);
			}
		}
		else if (hash.code() != Multicodec.SHA2_256) {
			throw new PeerIdException(
					"PeerId multihash must be identity or sha2-256, not code 0x" + Integer.toHexString(hash.code()));
		}
		return new PeerId(bytes.clone());
	}

	/**
	 * Parses either text form: base58btc ({@code 12D3KooW…}, {@code Qm…}) or a CIDv1 with
	 * the libp2p-key codec in any supported multibase ({@code bafz…}).
	 * @param text the text
	 * @return the PeerId
	 * @throws PeerIdException naming the text and what is wrong with it
	 */
	public static PeerId parse(String text) throws PeerIdException {
		if (text.isEmpty()) {
			throw new PeerIdException("empty PeerId");
		}
		try {
			return fromBytes(decodeText(text));
		}
		catch (MultiformatException ex) {
			throw new PeerIdException("invalid PeerId '" + text + "': " + ex.getMessage(), ex);
		}
	}

	private static byte[] decodeText(String text) {
		// Legacy base58 multihashes start with '1' (identity) or 'Q' (sha2-256); a CID
		// starts with
		// its multibase prefix, which is never one of those.
		char first = text.charAt(0);
		if (first == '1' || first == 'Q') {
			return Multibase.decode(Multibase.BASE58BTC.prefix() + text);
		}
		Cid cid = Cid.parse(text);
		if (cid.version() != 1 || cid.codec() != Multicodec.LIBP2P_KEY) {
			throw new PeerIdException("not a libp2p-key CIDv1");
		}
		return cid.multihash().toBytes();
	}

	/**
	 * Returns the binary form, the multihash.
	 * @return a copy of the bytes
	 */
	public byte[] toBytes() {
		return this.multihash.clone();
	}

	/**
	 * Returns the base58btc text form, which libp2p prints.
	 * @return the text, such as {@code 12D3KooW…}
	 */
	public String toBase58() {
		return Multibase.BASE58BTC.encode(this.multihash).substring(1);
	}

	/**
	 * Returns the CIDv1 text form in base32.
	 * @return the text, such as {@code bafzaa…}
	 */
	public String toCid() {
		return Cid.v1(Multicodec.LIBP2P_KEY, Multihash.decode(this.multihash)).toString();
	}

	/**
	 * Reads the public key inlined in an identity PeerId.
	 * @return the key, or empty for a hashed (SHA2-256) PeerId
	 * @throws PeerIdException if the inlined bytes are not a valid public key
	 */
	public Optional<PublicKey> extractPublicKey() throws PeerIdException {
		Multihash hash = Multihash.decode(this.multihash);
		if (hash.code() != Multicodec.IDENTITY) {
			return Optional.empty();
		}
		try {
			return Optional.of(Keys.unmarshalPublicKey(hash.digest()));
		}
		catch (KeyEncodingException ex) {
			throw new PeerIdException("PeerId " + this + " inlines an invalid key: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Returns whether a public key is the one this PeerId was derived from.
	 * @param key the key
	 * @return {@code true} if the key's PeerId is this one
	 */
	public boolean matches(PublicKey key) {
		return equals(fromPublicKey(key));
	}

	@Override
	public int compareTo(PeerId other) {
		return Arrays.compareUnsigned(this.multihash, other.multihash);
	}

	@Override
	public boolean equals(Object other) {
		return this == other || (other instanceof PeerId that && Arrays.equals(this.multihash, that.multihash));
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.multihash);
	}

	/**
	 * Returns the base58btc text form.
	 * @return the same as {@link #toBase58()}
	 */
	@Override
	public String toString() {
		return toBase58();
	}

}
