package io.jlibp2p.spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.crypto.PrivateKey;
import io.jlibp2p.crypto.PublicKey;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.multiformats.MultiaddrComponent;
import io.jlibp2p.peer.PeerId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official vectors of the libp2p specs (copied into {@code vectors/spec/}): the
 * peer-ids spec's key protobufs of all four key types, and the multiaddr conformance
 * cases in both directions.
 */
class SpecVectorsTest {

	private static final HexFormat HEX = HexFormat.of();

	private static String resource(String name) throws IOException {
		try (InputStream in = SpecVectorsTest.class.getResourceAsStream("/vectors/spec/" + name)) {
			assertThat(in).as(name).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static Map<String, byte[]> peerIdVectors() throws IOException {
		Map<String, byte[]> keys = new LinkedHashMap<>();
		resource("peer-ids-spec.tsv").lines().skip(1).forEach((line) -> {
			String[] cells = line.split("\t");
			keys.put(cells[0].toLowerCase(Locale.ROOT), HEX.parseHex(cells[1]));
		});
		return keys;
	}

	/**
	 * Each private key unmarshals, derives exactly the public key of the vector, marshals
	 * back to its own bytes, and yields a PeerId that inlines small keys (Ed25519,
	 * secp256k1) and hashes large ones (RSA, ECDSA).
	 */
	@ParameterizedTest
	@CsvSource({ "ed25519, ED25519, true", "secp256k1, SECP256K1, true", "ecdsa, ECDSA, false", "rsa, RSA, false" })
	void peerIdsSpecKeys(String name, KeyType type, boolean inlined) throws Exception {
		Map<String, byte[]> vectors = peerIdVectors();
		byte[] privateBytes = vectors.get(name + " private key");
		byte[] publicBytes = vectors.get(name + " public key");
		PrivateKey privateKey = Keys.unmarshalPrivateKey(privateBytes);
		PublicKey publicKey = Keys.unmarshalPublicKey(publicBytes);
		assertThat(privateKey.type()).isEqualTo(type);
		assertThat(privateKey.marshal()).isEqualTo(privateBytes);
		assertThat(privateKey.publicKey().marshal()).as("derived public key").isEqualTo(publicBytes);
		assertThat(publicKey.marshal()).isEqualTo(publicBytes);
		PeerId peer = PeerId.fromPublicKey(publicKey);
		assertThat(peer).isEqualTo(PeerId.fromPublicKey(privateKey.publicKey()));
		assertThat(PeerId.parse(peer.toString())).isEqualTo(peer);
		// multihash code 0x00 (identity) inlines the key, 0x12 (sha2-256) hashes it
		assertThat(peer.toBytes()[0]).isEqualTo(inlined ? (byte) 0x00 : (byte) 0x12);
		assertThat(peer.matches(publicKey)).isTrue();
		byte[] message = "libp2p spec vector".getBytes(StandardCharsets.UTF_8);
		assertThat(publicKey.verify(message, privateKey.sign(message))).isTrue();
	}

	@Test
	void multiaddrConformanceCases() throws Exception {
		String feature = resource("multiaddr.feature");
		Matcher scenario = Pattern.compile(
				"Given the multiaddr (\\S+)\\s+Then the (packed|string) form is (\\S+)\\s+And the (?:packed|string) "
						+ "size is (\\d+) bytes\\s+And the components are:\\s+\\|[^\\n]*\\n((?:\\s+\\|[^\\n]*\\n?)+)")
			.matcher(feature);
		int scenarios = 0;
		while (scenario.find()) {
			scenarios++;
			String given = scenario.group(1);
			Multiaddr address = given.startsWith("0x") ? Multiaddr.fromBytes(HEX.parseHex(given.substring(2)))
					: Multiaddr.parse(given);
			String expected = scenario.group(3);
			int size = Integer.parseInt(scenario.group(4));
			if (scenario.group(2).equals("packed")) {
				assertThat("0x" + HEX.formatHex(address.toBytes())).isEqualTo(expected);
				assertThat(address.toBytes()).hasSize(size);
			}
			else {
				assertThat(address.toString()).isEqualTo(expected);
				assertThat(address.toString().getBytes(StandardCharsets.UTF_8)).hasSize(size);
			}
			List<MultiaddrComponent> components = address.components();
			List<String[]> rows = scenario.group(5)
				.lines()
				.map(String::strip)
				.filter((line) -> line.startsWith("|"))
				.map((line) -> line.substring(1, line.length() - 1).split("\\|"))
				.toList();
			assertThat(components).hasSameSizeAs(rows);
			for (int i = 0; i < rows.size(); i++) {
				String[] cells = rows.get(i);
				MultiaddrComponent component = components.get(i);
				assertThat(component.toString()).isEqualTo(cells[0].strip());
				assertThat(component.valueString()).isEqualTo(cells[4].strip());
				assertThat(component.protocol().protocolName()).isEqualTo(cells[6].strip());
				assertThat("0x" + HEX.formatHex(component.value())).isEqualTo(cells[10].strip());
			}
		}
		assertThat(scenarios).isEqualTo(2);
	}

}
