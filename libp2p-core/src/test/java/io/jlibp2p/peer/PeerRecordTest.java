package io.jlibp2p.peer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import com.google.protobuf.ByteString;
import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.crypto.PrivateKey;
import io.jlibp2p.internal.proto.PeerRecordProto;
import io.jlibp2p.multiformats.Multiaddr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PeerRecordTest {

	private static final HexFormat HEX = HexFormat.of();

	private static final List<Multiaddr> ADDRESSES = List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/4001"),
			Multiaddr.parse("/ip6/::1/udp/4001/quic-v1"));

	@ParameterizedTest
	@CsvFileSource(resources = "/vectors/peer-records.tsv", delimiter = '\t', numLinesToSkip = 1)
	void opensJsLibp2pPeerRecords(String type, String publicKey, String envelopeHex, String peerId, long seq,
			String addresses) {
		PeerRecord record = PeerRecord.open(HEX.parseHex(envelopeHex));
		assertThat(record.peerId()).hasToString(peerId);
		assertThat(record.seq()).isEqualTo(seq);
		assertThat(record.addresses()).map(Multiaddr::toString).containsExactly(addresses.split(","));
		Envelope envelope = Envelope.open(HEX.parseHex(envelopeHex), PeerRecord.DOMAIN);
		assertThat(HEX.formatHex(envelope.publicKey().marshal())).isEqualTo(publicKey);
		assertThat(envelope.marshal()).isEqualTo(HEX.parseHex(envelopeHex));
	}

	@ParameterizedTest
	@CsvFileSource(resources = "/vectors/keys.tsv", delimiter = '\t', numLinesToSkip = 1)
	void sealsTheSameBytesAsJsLibp2pWithDeterministicSignatures(String type, String privateHex) {
		PrivateKey key = Keys.unmarshalPrivateKey(HEX.parseHex(privateHex));
		PeerId peerId = PeerId.fromPublicKey(key.publicKey());
		Envelope sealed = new PeerRecord(peerId, 1_700_000_000_000_000_000L, ADDRESSES).seal(key);
		assertThat(PeerRecord.open(sealed.marshal()).addresses()).isEqualTo(ADDRESSES);
		if (type.equals("Ed25519") || type.equals("secp256k1") || type.equals("RSA")) {
			String jsEnvelope = jsEnvelopeOf(type);
			assertThat(HEX.formatHex(sealed.marshal())).isEqualTo(jsEnvelope);
		}
	}

	private static String jsEnvelopeOf(String type) {
		try (BufferedReader lines = new BufferedReader(new InputStreamReader(
				PeerRecordTest.class.getResourceAsStream("/vectors/peer-records.tsv"), StandardCharsets.UTF_8))) {
			return lines.lines()
				.map((line) -> line.split("\t"))
				.filter((row) -> row[0].equals(type))
				.findFirst()
				.orElseThrow()[2];
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void createsStrictlyIncreasingSequenceNumbers() {
		PeerId peerId = PeerId.fromPublicKey(Keys.generate(KeyType.ED25519).publicKey());
		PeerRecord first = PeerRecord.create(peerId, ADDRESSES);
		PeerRecord second = PeerRecord.create(peerId, ADDRESSES);
		assertThat(second.seq()).isGreaterThan(first.seq());
		assertThat(first.seq()).isGreaterThan(System.currentTimeMillis() * 1_000_000L - 60_000_000_000L);
	}

	@Test
	void refusesARecordSignedByAnotherPeer() {
		PrivateKey key = Keys.generate(KeyType.ED25519);
		PeerId other = PeerId.fromPublicKey(Keys.generate(KeyType.ED25519).publicKey());
		PeerRecord record = new PeerRecord(other, 1, ADDRESSES);
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> record.seal(key))
			.withMessageContaining("must be signed by its own key");
		byte[] payload = PeerRecordProto.PeerRecord.newBuilder()
			.setPeerId(ByteString.copyFrom(other.toBytes()))
			.setSeq(1)
			.build()
			.toByteArray();
		Envelope forged = Envelope.seal(key, PeerRecord.DOMAIN, new byte[] { 0x03, 0x01 }, payload);
		assertThatExceptionOfType(EnvelopeException.class).isThrownBy(() -> PeerRecord.open(forged.marshal()))
			.withMessageContaining("is signed by another peer");
	}

	@Test
	void refusesTamperedEnvelopes() {
		PrivateKey key = Keys.generate(KeyType.SECP256K1);
		byte[] sealed = PeerRecord.create(PeerId.fromPublicKey(key.publicKey()), ADDRESSES).seal(key).marshal();
		for (int i : new int[] { sealed.length - 1, sealed.length - 80, sealed.length / 2 }) {
			byte[] tampered = sealed.clone();
			tampered[i] ^= 0x01;
			assertThatExceptionOfType(EnvelopeException.class).as("byte %d flipped", i)
				.isThrownBy(() -> PeerRecord.open(tampered));
		}
	}

	@Test
	void refusesOtherDomainsAndPayloadTypes() {
		PrivateKey key = Keys.generate(KeyType.ED25519);
		byte[] payload = "hello".getBytes(StandardCharsets.UTF_8);
		Envelope envelope = Envelope.seal(key, "libp2p-routing-state", new byte[] { 0x03, 0x01 }, payload);
		assertThatExceptionOfType(EnvelopeException.class).isThrownBy(() -> PeerRecord.open(envelope.marshal()))
			.withMessage("envelope signature does not verify for domain 'libp2p-peer-record'");
		Envelope otherType = Envelope.seal(key, PeerRecord.DOMAIN, new byte[] { 0x03, 0x02 }, payload);
		assertThatExceptionOfType(EnvelopeException.class).isThrownBy(() -> PeerRecord.open(otherType.marshal()))
			.withMessageContaining("is not a peer record");
		Envelope opened = Envelope.open(otherType.marshal(), PeerRecord.DOMAIN);
		assertThat(opened.payload()).isEqualTo(payload);
		assertThat(opened.signer()).isEqualTo(PeerId.fromPublicKey(key.publicKey()));
		assertThat(Arrays.equals(opened.signature(), otherType.signature())).isTrue();
	}

	@Test
	void refusesMalformedAndOversizedEnvelopes() {
		assertThatExceptionOfType(EnvelopeException.class)
			.isThrownBy(() -> Envelope.open(new byte[Envelope.MAX_LENGTH + 1], PeerRecord.DOMAIN))
			.withMessageContaining("exceeds the limit of 16384");
		assertThatExceptionOfType(EnvelopeException.class)
			.isThrownBy(() -> Envelope.open(HEX.parseHex("0a02"), PeerRecord.DOMAIN))
			.withMessageContaining("invalid envelope");
		assertThatExceptionOfType(EnvelopeException.class)
			.isThrownBy(() -> Envelope.open(HEX.parseHex("1202aabb"), PeerRecord.DOMAIN))
			.withMessage("envelope has no public key");
	}

}
