package io.jlibp2p.protocol.mdns;

import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The DNS subset mDNS discovery reads and writes.
 */
class DnsMessageTest {

	@Test
	void aResponseRoundTrips() throws DnsException {
		DnsMessage response = new DnsMessage(0, true, List.of(),
				List.of(new DnsRecord.Ptr("_p2p._udp.local", 360, "abc._p2p._udp.local")),
				List.of(new DnsRecord.Txt("abc._p2p._udp.local", 360, List.of("dnsaddr=/ip4/1.2.3.4/tcp/1", "x"))));

		assertThat(DnsMessage.decode(response.encode())).isEqualTo(response);
	}

	@Test
	void aQueryIsTheBytesOfTheSpec() {
		DnsMessage query = new DnsMessage(0, false, List.of(new DnsMessage.Question("_p2p._udp.local", 12)), List.of(),
				List.of());

		assertThat(HexFormat.of().formatHex(query.encode()))
			.isEqualTo("000000000001000000000000" + "045f703270045f756470056c6f63616c00" + "000c0001");
	}

	@Test
	void compressedNamesAreFollowed() throws DnsException {
		// a response whose PTR target and TXT owner point back at the question's name
		String packet = "000084000001000100000001" + "045f703270045f756470056c6f63616c00" + "000c0001" + "c00c"
				+ "000c0001" + "00000078" + "0006" + "03616263c00c" + "c02d" + "00100001" + "00000078" + "0002"
				+ "0178";

		DnsMessage message = DnsMessage.decode(HexFormat.of().parseHex(packet));

		assertThat(message.answers()).containsExactly(new DnsRecord.Ptr("_p2p._udp.local", 120, "abc._p2p._udp.local"));
		assertThat(message.additionals()).containsExactly(new DnsRecord.Txt("abc._p2p._udp.local", 120, List.of("x")));
	}

	@Test
	void pointersThatLoopOrPointForwardAreRefused() {
		byte[] selfPointer = HexFormat.of().parseHex("000000000001000000000000" + "c00c" + "000c0001");
		byte[] forwardPointer = HexFormat.of().parseHex("000000000001000000000000" + "c00e" + "00" + "000c0001");

		assertThatThrownBy(() -> DnsMessage.decode(selfPointer)).isInstanceOf(DnsException.class);
		assertThatThrownBy(() -> DnsMessage.decode(forwardPointer)).isInstanceOf(DnsException.class);
	}

	@Test
	void truncatedAndOversizedPacketsAreRefused() {
		byte[] truncated = HexFormat.of().parseHex("0000840000010000000000000a5f703270");
		byte[] tooManyRecords = HexFormat.of().parseHex("000084000101000000000000");

		assertThatThrownBy(() -> DnsMessage.decode(truncated)).isInstanceOf(DnsException.class);
		assertThatThrownBy(() -> DnsMessage.decode(tooManyRecords)).hasMessageContaining("entries");
		assertThatThrownBy(() -> DnsMessage.decode(new byte[DnsMessage.MAX_PACKET + 1]))
			.hasMessageContaining("exceeds");
	}

	@Test
	void aTxtStringMayNotOverrunItsRecord() {
		String packet = "000084000000000100000000" + "0178" + "00" + "00100001" + "00000078" + "0002" + "0578";

		assertThatThrownBy(() -> DnsMessage.decode(HexFormat.of().parseHex(packet))).isInstanceOf(DnsException.class);
	}

}
