package io.jlibp2p.protocol.identify;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jlibp2p.crypto.KeyEncodingException;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.crypto.PublicKey;
import io.jlibp2p.internal.proto.IdentifyProto;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.multiformats.MultiformatException;
import io.jlibp2p.peer.EnvelopeException;
import io.jlibp2p.peer.SignedPeerRecord;

/**
 * The identify wire format: length-prefixed {@code Identify} protobufs. Pure functions.
 *
 * <p>
 * Reading is tolerant where other implementations differ and strict where trust is at
 * stake: unparseable addresses are skipped (js puts {@code /p2p/} in the observed
 * address; it is dropped), a signed peer record that does not verify or names another
 * peer is ignored rather than trusted, and several messages are merged, later fields
 * winning, as go and js send them.
 */
public final class IdentifyMessages {

	/** Longest identify message read, as go and js read (8 KiB). */
	public static final int MAX_MESSAGE_LENGTH = 8 * 1024;

	/** Most messages merged from one stream, as go and js read. */
	public static final int MAX_MESSAGES = 10;

	/** Most addresses or protocols taken from one peer. */
	public static final int MAX_ENTRIES = 256;

	private static final Logger logger = LoggerFactory.getLogger(IdentifyMessages.class);

	private IdentifyMessages() {
	}

	/**
	 * Encodes what this node says about itself.
	 * @param info the fields to send
	 * @return the protobuf, without length prefix
	 */
	public static byte[] encode(IdentifyInfo info, byte @Nullable [] signedPeerRecord) {
		IdentifyProto.Identify.Builder builder = IdentifyProto.Identify.newBuilder();
		if (info.publicKey() != null) {
			builder.setPublicKey(ByteString.copyFrom(info.publicKey().marshal()));
		}
		if (info.protocolVersion() != null) {
			builder.setProtocolVersion(info.protocolVersion());
		}
		if (info.agentVersion() != null) {
			builder.setAgentVersion(info.agentVersion());
		}
		for (Multiaddr address : info.listenAddresses()) {
			builder.addListenAddrs(ByteString.copyFrom(address.toBytes()));
		}
		if (info.observedAddress() != null) {
			builder.setObservedAddr(ByteString.copyFrom(info.observedAddress().toBytes()));
		}
		builder.addAllProtocols(info.protocols());
		if (signedPeerRecord != null) {
			builder.setSignedPeerRecord(ByteString.copyFrom(signedPeerRecord));
		}
		return builder.build().toByteArray();
	}

	/**
	 * Decodes and merges the messages read from one stream.
	 * @param messages the protobufs, without length prefixes
	 * @return what the peer said
	 * @throws IdentifyException if a message is not a valid protobuf or its key is
	 * malformed
	 */
	public static IdentifyInfo decode(List<byte[]> messages) throws IdentifyException {
		IdentifyProto.Identify.Builder merged = IdentifyProto.Identify.newBuilder();
		for (byte[] message : messages) {
			try {
				IdentifyProto.Identify part = IdentifyProto.Identify.parseFrom(message);
				if (part.getListenAddrsCount() > 0) {
					merged.clearListenAddrs();
				}
				if (part.getProtocolsCount() > 0) {
					merged.clearProtocols();
				}
				merged.mergeFrom(part);
			}
			catch (InvalidProtocolBufferException ex) {
				throw new IdentifyException("invalid identify message: " + ex.getMessage(), ex);
			}
		}
		IdentifyProto.Identify identify = merged.build();
		PublicKey key = null;
		if (identify.hasPublicKey()) {
			try {
				key = Keys.unmarshalPublicKey(identify.getPublicKey().toByteArray());
			}
			catch (KeyEncodingException ex) {
				throw new IdentifyException("identify carries an invalid public key: " + ex.getMessage(), ex);
			}
		}
		List<Multiaddr> listen = addresses(identify.getListenAddrsList());
		SignedPeerRecord record = signedPeerRecord(identify, key);
		if (record != null) {
			listen = record.record().addresses();
		}
		Multiaddr observed = null;
		if (identify.hasObservedAddr()) {
			List<Multiaddr> parsed = addresses(List.of(identify.getObservedAddr()));
			observed = parsed.isEmpty() ? null : parsed.get(0);
		}
		Set<String> protocols = new LinkedHashSet<>(identify.getProtocolsList().stream().limit(MAX_ENTRIES).toList());
		return new IdentifyInfo(key, identify.hasProtocolVersion() ? identify.getProtocolVersion() : null,
				identify.hasAgentVersion() ? identify.getAgentVersion() : null, listen, observed,
				new ArrayList<>(protocols), record);
	}

	private static @Nullable SignedPeerRecord signedPeerRecord(IdentifyProto.Identify identify,
			@Nullable PublicKey key) {
		if (!identify.hasSignedPeerRecord() || key == null) {
			return null;
		}
		try {
			SignedPeerRecord record = SignedPeerRecord.open(identify.getSignedPeerRecord().toByteArray());
			if (!record.record().peerId().matches(key)) {
				logger.debug("ignoring a signed peer record of {} inside another peer's identify",
						record.record().peerId());
				return null;
			}
			return record;
		}
		catch (EnvelopeException ex) {
			// rust signs records in a legacy form go and js reject too; fall back to
			// listenAddrs.
			logger.debug("ignoring a signed peer record that does not verify: {}", ex.getMessage());
			return null;
		}
	}

	private static List<Multiaddr> addresses(List<ByteString> encoded) {
		List<Multiaddr> addresses = new ArrayList<>();
		for (ByteString bytes : encoded) {
			if (addresses.size() == MAX_ENTRIES) {
				break;
			}
			try {
				addresses.add(Multiaddr.fromBytes(bytes.toByteArray()).withoutPeerId());
			}
			catch (MultiformatException ex) {
				logger.debug("skipping an identify address: {}", ex.getMessage());
			}
		}
		return addresses;
	}

}
