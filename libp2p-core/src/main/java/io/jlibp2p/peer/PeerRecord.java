package io.jlibp2p.peer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import io.jlibp2p.crypto.PrivateKey;
import io.jlibp2p.internal.proto.PeerRecordProto;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.multiformats.MultiformatException;

/**
 * A peer routing record (libp2p RFC 0003): a peer's addresses with a sequence number,
 * signed by the peer in an {@link Envelope}. Newer records carry higher sequence numbers;
 * receivers keep the highest.
 *
 * <p>
 * The domain and payload type are those go, js and rust-libp2p's interop mode use
 * ({@code libp2p-peer-record}, {@code 0x0301} as two raw bytes); rust's default still
 * signs the stale {@code libp2p-routing-state} form, which is not accepted here
 * (specs-map §5).
 *
 * @param peerId the peer the addresses belong to
 * @param seq the sequence number
 * @param addresses the addresses, without {@code /p2p/} suffixes
 * @see <a href=
 * "https://github.com/libp2p/specs/blob/master/RFC/0003-routing-records.md">RFC 0003</a>
 */
public record PeerRecord(PeerId peerId, long seq, List<Multiaddr> addresses) {

	/** Signature domain of peer records. */
	public static final String DOMAIN = "libp2p-peer-record";

	/** Most addresses accepted in one record. */
	public static final int MAX_ADDRESSES = 128;

	private static final byte[] PAYLOAD_TYPE = { 0x03, 0x01 };

	private static final AtomicLong LAST_SEQ = new AtomicLong();

	public PeerRecord {
		addresses = List.copyOf(addresses);
		if (addresses.size() > MAX_ADDRESSES) {
			throw new EnvelopeException(
					"peer record with " + addresses.size() + " addresses exceeds the limit of " + MAX_ADDRESSES);
		}
	}

	/**
	 * Creates a record with the next sequence number: the current time in nanoseconds
	 * since the epoch, as go uses, kept strictly increasing within this JVM.
	 * @param peerId the peer
	 * @param addresses its addresses
	 * @return the record
	 */
	public static PeerRecord create(PeerId peerId, List<Multiaddr> addresses) {
		long now = System.currentTimeMillis() * 1_000_000L;
		long seq = LAST_SEQ.updateAndGet((last) -> Math.max(last + 1, now));
		return new PeerRecord(peerId, seq, addresses);
	}

	/**
	 * Signs this record with the peer's key.
	 * @param key the private key of {@link #peerId()}
	 * @return the envelope
	 * @throws IllegalArgumentException if the key is not the peer's
	 */
	public Envelope seal(PrivateKey key) {
		if (!this.peerId.matches(key.publicKey())) {
			throw new IllegalArgumentException("a peer record of " + this.peerId + " must be signed by its own key");
		}
		return Envelope.seal(key, DOMAIN, PAYLOAD_TYPE, encode());
	}

	/**
	 * Opens a signed peer record: verifies the envelope, its payload type, and that the
	 * record names the signer.
	 * @param envelopeBytes the envelope protobuf
	 * @return the record
	 * @throws EnvelopeException if any check fails or the payload is malformed
	 */
	public static PeerRecord open(byte[] envelopeBytes) throws EnvelopeException {
		return fromEnvelope(Envelope.open(envelopeBytes, DOMAIN));
	}

	/**
	 * Reads the record in an opened envelope.
	 * @param envelope an envelope opened for {@link #DOMAIN}
	 * @return the record
	 * @throws EnvelopeException if the payload type is not a peer record, the payload is
	 * malformed or the record names another peer than the signer
	 */
	public static PeerRecord fromEnvelope(Envelope envelope) throws EnvelopeException {
		if (!Arrays.equals(envelope.payloadType(), PAYLOAD_TYPE)) {
			throw new EnvelopeException(
					"envelope payload type " + Arrays.toString(envelope.payloadType()) + " is not a peer record");
		}
		PeerRecord record = decode(envelope.payload());
		if (!record.peerId.equals(envelope.signer())) {
			throw new EnvelopeException(
					"peer record of " + record.peerId + " is signed by another peer, " + envelope.signer());
		}
		return record;
	}

	private static PeerRecord decode(byte[] payload) {
		try {
			PeerRecordProto.PeerRecord proto = PeerRecordProto.PeerRecord.parseFrom(payload);
			if (proto.getAddressesCount() > MAX_ADDRESSES) {
				throw new EnvelopeException("peer record with " + proto.getAddressesCount()
						+ " addresses exceeds the limit of " + MAX_ADDRESSES);
			}
			List<Multiaddr> addresses = new ArrayList<>(proto.getAddressesCount());
			for (PeerRecordProto.PeerRecord.AddressInfo info : proto.getAddressesList()) {
				addresses.add(Multiaddr.fromBytes(info.getMultiaddr().toByteArray()));
			}
			return new PeerRecord(PeerId.fromBytes(proto.getPeerId().toByteArray()), proto.getSeq(), addresses);
		}
		catch (InvalidProtocolBufferException | MultiformatException ex) {
			throw new EnvelopeException("invalid peer record: " + ex.getMessage(), ex);
		}
	}

	private byte[] encode() {
		PeerRecordProto.PeerRecord.Builder builder = PeerRecordProto.PeerRecord.newBuilder()
			.setPeerId(ByteString.copyFrom(this.peerId.toBytes()))
			.setSeq(this.seq);
		for (Multiaddr address : this.addresses) {
			builder.addAddresses(PeerRecordProto.PeerRecord.AddressInfo.newBuilder()
				.setMultiaddr(ByteString.copyFrom(address.toBytes())));
		}
		return builder.build().toByteArray();
	}

}
