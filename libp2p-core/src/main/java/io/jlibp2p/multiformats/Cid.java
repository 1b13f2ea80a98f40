package io.jlibp2p.multiformats;

import java.nio.ByteBuffer;

/**
 * A content identifier: a multihash tagged with the codec of the content it names.
 *
 * <p>
 * CIDv1 is {@code varint(1) ‖ varint(codec) ‖ multihash} and is written in multibase,
 * base32 by default. CIDv0 is a bare SHA2-256 multihash of dag-pb content, written in
 * base58btc ({@code Qm…}); it is parsed for compatibility and printed as it came.
 *
 * @param version 0 or 1
 * @param codec the content's multicodec code ({@link Multicodec#DAG_PB} for CIDv0)
 * @param multihash the content's multihash
 * @see <a href="https://github.com/multiformats/cid">CID</a>
 */
public record Cid(int version, long codec, Multihash multihash) {

	private static final int CIDV0_TEXT_LENGTH = 46;

	public Cid {
		if (version == 0 && (codec != Multicodec.DAG_PB || multihash.code() != Multicodec.SHA2_256)) {
			throw new MultiformatException("CIDv0 must be a sha2-256 multihash of dag-pb content");
		}
		if (version != 0 && version != 1) {
			throw new MultiformatException("unsupported CID version " + version);
		}
	}

	/**
	 * Creates a CIDv1.
	 * @param codec the content's multicodec code
	 * @param multihash the content's multihash
	 * @return the CID
	 */
	public static Cid v1(long codec, Multihash multihash) {
		return new Cid(1, codec, multihash);
	}

	/**
	 * Parses a CID from text: a {@code Qm…} CIDv0, or a CIDv1 in any supported multibase.
	 * @param text the text
	 * @return the CID
	 * @throws MultiformatException if the text is not a valid CID
	 */
	public static Cid parse(String text) throws MultiformatException {
		if (text.length() == CIDV0_TEXT_LENGTH && text.startsWith("Qm")) {
			return new Cid(0, Multicodec.DAG_PB, Multihash.decode(Base58.decode(text)));
		}
		return decode(Multibase.decode(text));
	}

	/**
	 * Decodes a binary CID. A 34-byte value starting {@code 12 20} is a CIDv0.
	 * @param bytes the binary CID
	 * @return the CID
	 * @throws MultiformatException if the bytes are not exactly one valid CID
	 */
	public static Cid decode(byte[] bytes) throws MultiformatException {
		if (bytes.length == 34 && bytes[0] == Multicodec.SHA2_256 && bytes[1] == 32) {
			return new Cid(0, Multicodec.DAG_PB, Multihash.decode(bytes));
		}
		ByteBuffer in = ByteBuffer.wrap(bytes);
		long version = Varint.read(in);
		if (version != 1) {
			throw new MultiformatException("unsupported CID version " + version);
		}
		long codec = Varint.read(in);
		Multihash multihash = Multihash.read(in);
		if (in.hasRemaining()) {
			throw new MultiformatException(in.remaining() + " byte(s) after the CID");
		}
		return new Cid(1, codec, multihash);
	}

	/**
	 * Returns the binary CID.
	 * @return the bytes
	 */
	public byte[] toBytes() {
		byte[] hash = this.multihash.toBytes();
		if (this.version == 0) {
			return hash;
		}
		ByteBuffer out = ByteBuffer.allocate(1 + Varint.encodedLength(this.codec) + hash.length);
		Varint.write(1, out);
		Varint.write(this.codec, out);
		out.put(hash);
		return out.array();
	}

	/**
	 * Returns the CID in a given multibase; CIDv0 has no multibase form and ignores the
	 * base.
	 * @param base the base
	 * @return the text
	 */
	public String toString(Multibase base) {
		return (this.version == 0) ? Base58.encode(toBytes()) : base.encode(toBytes());
	}

	/**
	 * Returns the CID's canonical text: base58btc for CIDv0, base32 for CIDv1.
	 * @return the text
	 */
	@Override
	public String toString() {
		return toString(Multibase.BASE32);
	}

}
