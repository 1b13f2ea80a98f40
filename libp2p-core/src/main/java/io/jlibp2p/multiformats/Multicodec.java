package io.jlibp2p.multiformats;

/**
 * The multicodec codes jlibp2p reads and writes outside multiaddrs (multiaddr protocol
 * codes live in {@link Protocol}).
 *
 * @see <a href=
 * "https://github.com/multiformats/multicodec/blob/master/table.csv">multicodec table</a>
 */
public final class Multicodec {

	/** Identity multihash: the digest is the data itself. */
	public static final int IDENTITY = 0x00;

	/** CID version 1. */
	public static final int CIDV1 = 0x01;

	/** SHA2-256 multihash. */
	public static final int SHA2_256 = 0x12;

	/** Raw binary content. */
	public static final int RAW = 0x55;

	/** MerkleDAG protobuf, the implicit codec of CIDv0. */
	public static final int DAG_PB = 0x70;

	/** A libp2p public key, the codec of PeerIds written as CIDs. */
	public static final int LIBP2P_KEY = 0x72;

	/** A libp2p peer record, as the payload type of a signed envelope. */
	public static final int LIBP2P_PEER_RECORD = 0x0301;

	private Multicodec() {
	}

}
