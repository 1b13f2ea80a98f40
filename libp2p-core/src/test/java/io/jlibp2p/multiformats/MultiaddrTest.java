package io.jlibp2p.multiformats;

import java.util.HexFormat;
import java.util.List;

import io.jlibp2p.peer.PeerId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MultiaddrTest {

	private static final HexFormat HEX = HexFormat.of();

	private static final String PEER = "12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq";

	@ParameterizedTest
	@CsvFileSource(resources = "/vectors/multiaddrs.tsv", delimiter = '\t', numLinesToSkip = 1)
	void matchesJsLibp2pInBothDirections(String text, String hex) {
		Multiaddr parsed = Multiaddr.parse(text);
		assertThat(HEX.formatHex(parsed.toBytes())).isEqualTo(hex);
		Multiaddr decoded = Multiaddr.fromBytes(HEX.parseHex(hex));
		assertThat(decoded).hasToString(text).isEqualTo(parsed);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "/ip4/192.0.2.42/tcp/443| 04c000022a0601bb",
			"/dns4/example.com/tcp/443/ws| 360b6578616d706c652e636f6d0601bbdd03",
			"/ip6/::1/udp/4001/quic-v1| 290000000000000000000000000000000191020fa1cd03",
			"/ip4/127.0.0.1/tcp/4001/p2p/" + PEER
					+ "| 047f000001060fa1a503260024080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e",
			// go and rust encode /memory as a u64; js differs (see
			// src/vectors/generate.mjs)
			"/memory/1234| 890600000000000004d2", "/memory/18446744073709551615| 8906ffffffffffffffff" })
	void matchesSpecAndGoVectors(String text, String hex) {
		assertThat(HEX.formatHex(Multiaddr.parse(text).toBytes())).isEqualTo(hex);
		assertThat(Multiaddr.fromBytes(HEX.parseHex(hex))).hasToString(text);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "/ip6/0:0:0:0:0:0:0:1/tcp/1| /ip6/::1/tcp/1",
			"/ip6/2001:DB8:0:0:1:0:0:1/tcp/1| /ip6/2001:db8::1:0:0:1/tcp/1",
			"/ip6/::ffff:1.2.3.4/tcp/1| /ip6/::ffff:1.2.3.4/tcp/1", "/ip6/1::/tcp/1| /ip6/1::/tcp/1",
			"/ip4/1.2.3.4/tcp/80/| /ip4/1.2.3.4/tcp/80", "/ipfs/" + PEER + "| /p2p/" + PEER,
			"/p2p/bafzaajaiaejcahwr5d5ofrfbis4l5d6uwr57hu5tjodrypfm6yaq6dsc2r2pzyt6| /p2p/" + PEER,
			"/ip4/1.2.3.4/udp/1/webrtc-direct/certhash/f12209cbc07c3f991725836a3aa2a581ca2029198aa420b9d99bc0e131d9f3e2cbe47"
					+ "| /ip4/1.2.3.4/udp/1/webrtc-direct/certhash/uEiCcvAfD-ZFyWDajqipYHKICkZiqQgudmbwOEx2fPiy-Rw" })
	void printsTheCanonicalForm(String input, String canonical) {
		assertThat(Multiaddr.parse(input)).hasToString(canonical);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "| must start with '/'", "ip4/1.2.3.4| must start with '/'",
			"/| empty protocol name", "/ip4//tcp/1| four dotted decimals", "/foo/1| unknown multiaddr protocol 'foo'",
			"/tcp| needs a value", "/ip4/1.2.3.4/tcp| needs a value", "/tcp/65536| invalid tcp port '65536'",
			"/tcp/-1| invalid tcp port '-1'", "/udp/1a| invalid udp port '1a'", "/ip4/1.2.3| four dotted decimals",
			"/ip4/1.2.3.256| octet 256 exceeds 255", "/ip4/01.2.3.4| bad octet '01'",
			"/ip6/1:2:3| expected eight groups", "/ip6/1::2::3| more than one '::'", "/ip6/12345::| bad group '12345'",
			"/ip6/1:2:3:4:5:6:7:8:9| too long", "/ip6/g::| bad group 'g'", "/dns4/| needs a value",
			"/dns4//tcp/1| dns4 value must not be empty", "/p2p/QmNotAPeer| invalid PeerId 'QmNotAPeer'",
			"/p2p/bafkqaaa| invalid PeerId", "/certhash/zzz| invalid certhash value 'zzz'",
			"/memory/-1| invalid memory value '-1'", "/memory/18446744073709551616| invalid memory value" })
	void rejectsMalformedText(String text, String message) {
		assertThatExceptionOfType(MultiaddrException.class).isThrownBy(() -> Multiaddr.parse(text == null ? "" : text))
			.withMessageContaining(message);
	}

	@Test
	void rejectsValuesForProtocolsWithoutOne() {
		assertThatExceptionOfType(MultiaddrException.class).isThrownBy(() -> MultiaddrComponent.of(Protocol.WS, "x"))
			.withMessage("ws takes no value, got 'x'");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "| at least one component", "04c00002| ip4 value of 4 bytes truncated to 3 bytes",
					"06| tcp value of 2 bytes truncated to 0 bytes", "8080| varint truncated",
					"ffffffff0f| unknown multiaddr protocol code 0xffffffff",
					"7f| unknown multiaddr protocol code 0x7f", "3500| dns value must not be empty",
					"350561| dns value of 5 bytes truncated to 1 bytes", "3501ff| dns value is not valid UTF-8",
					"35012f| must not contain '/'", "358108| exceeds the limit of 1024",
					"a503021201| invalid p2p value", "a50303aa0000| invalid p2p value",
					"d2030100| invalid certhash value", "8906000000| memory value of 8 bytes truncated" })
	void rejectsMalformedBytes(String hex, String message) {
		assertThatExceptionOfType(MultiaddrException.class)
			.isThrownBy(() -> Multiaddr.fromBytes(hex == null ? new byte[0] : HEX.parseHex(hex)))
			.withMessageContaining(message);
	}

	@Test
	void refusesOversizedInput() {
		assertThatExceptionOfType(MultiaddrException.class)
			.isThrownBy(() -> Multiaddr.fromBytes(new byte[Multiaddr.MAX_BYTES + 1]))
			.withMessageContaining("exceeds the limit of 1024");
		assertThatExceptionOfType(MultiaddrException.class)
			.isThrownBy(() -> Multiaddr.parse("/ws".repeat(Multiaddr.MAX_TEXT_LENGTH)))
			.withMessageContaining("exceeds the limit of 4096");
		assertThatExceptionOfType(MultiaddrException.class)
			.isThrownBy(() -> Multiaddr.parse("/dns/" + "a".repeat(1100)))
			.withMessageContaining("exceeds the limit of 1024");
	}

	@Test
	void givesAccessToComponents() {
		Multiaddr address = Multiaddr.parse("/ip4/10.0.0.1/tcp/4001/p2p/" + PEER);
		assertThat(address.components()).extracting(MultiaddrComponent::protocol)
			.containsExactly(Protocol.IP4, Protocol.TCP, Protocol.P2P);
		assertThat(address.components().get(0).value()).containsExactly(10, 0, 0, 1);
		assertThat(address.valueOf(Protocol.TCP)).contains("4001");
		assertThat(address.valueOf(Protocol.UDP)).isEmpty();
		assertThat(address.has(Protocol.P2P)).isTrue();
		assertThat(address.components().get(1)).hasToString("/tcp/4001");
	}

	@Test
	void extractsTheLastPeerId() {
		Multiaddr relayed = Multiaddr.parse(
				"/ip4/1.2.3.4/tcp/1/p2p/QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N" + "/p2p-circuit/p2p/" + PEER);
		assertThat(relayed.peerId()).contains(PeerId.parse(PEER));
		assertThat(Multiaddr.parse("/ip4/1.2.3.4/tcp/1").peerId()).isEmpty();
	}

	@Test
	void addsAndRemovesThePeerId() {
		Multiaddr bare = Multiaddr.parse("/ip4/1.2.3.4/tcp/1");
		Multiaddr full = bare.withPeerId(PeerId.parse(PEER));
		assertThat(full).hasToString("/ip4/1.2.3.4/tcp/1/p2p/" + PEER);
		assertThat(full.withPeerId(PeerId.parse(PEER))).isEqualTo(full);
		assertThat(full.withoutPeerId()).isEqualTo(bare);
		assertThat(bare.withoutPeerId()).isEqualTo(bare);
		PeerId other = PeerId.parse("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N");
		assertThatExceptionOfType(MultiaddrException.class).isThrownBy(() -> full.withPeerId(other))
			.withMessageContaining("already names peer " + PEER);
	}

	@Test
	void encapsulatesAndDecapsulates() {
		Multiaddr ip = Multiaddr.parse("/ip4/1.2.3.4");
		Multiaddr full = ip.encapsulate(Multiaddr.parse("/tcp/80/ws/tcp/81"));
		assertThat(full).hasToString("/ip4/1.2.3.4/tcp/80/ws/tcp/81");
		assertThat(full.decapsulate(Protocol.TCP)).map(Multiaddr::toString).contains("/ip4/1.2.3.4/tcp/80/ws");
		assertThat(full.decapsulate(Protocol.UDP)).contains(full);
		assertThat(full.decapsulate(Multiaddr.parse("/tcp/80"))).contains(ip);
		assertThat(full.decapsulate(Multiaddr.parse("/tcp/82"))).contains(full);
		assertThat(full.decapsulate(Protocol.IP4)).isEmpty();
	}

	@Test
	void buildsFromComponents() {
		Multiaddr address = Multiaddr.of(List.of(MultiaddrComponent.of(Protocol.IP6, "::1"),
				MultiaddrComponent.ofBytes(Protocol.UDP, new byte[] { 0x0f, (byte) 0xa1 }),
				MultiaddrComponent.of(Protocol.QUIC_V1, "")));
		assertThat(address).isEqualTo(Multiaddr.parse("/ip6/::1/udp/4001/quic-v1"));
		assertThat(address.hashCode()).isEqualTo(Multiaddr.parse("/ip6/::1/udp/4001/quic-v1").hashCode());
	}

	@ParameterizedTest
	@ValueSource(strings = { "/ip4/127.0.0.1/tcp/4001", "/dns/xn--bcher-kva.example/tcp/1", "/dns/bücher.example/tcp/1",
			"/sni/example.com", "/ip6/fe80::/tcp/1", "/memory/0" })
	void roundTripsTextThroughBytes(String text) {
		Multiaddr address = Multiaddr.parse(text);
		assertThat(Multiaddr.fromBytes(address.toBytes())).hasToString(text).isEqualTo(address);
	}

}
