package io.jlibp2p.multiformats;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MultihashTest {

	private static final HexFormat HEX = HexFormat.of();

	@Test
	void sha256MatchesTheSpecVector() {
		Multihash hash = Multihash.sha256("multihash".getBytes(StandardCharsets.US_ASCII));
		assertThat(HEX.formatHex(hash.toBytes()))
			.isEqualTo("12209cbc07c3f991725836a3aa2a581ca2029198aa420b9d99bc0e131d9f3e2cbe47");
		assertThat(Multihash.decode(hash.toBytes())).isEqualTo(hash);
		assertThat(hash.code()).isEqualTo(Multicodec.SHA2_256);
	}

	@Test
	void identityCarriesTheDataItself() {
		Multihash hash = Multihash.identity(new byte[] { 1, 2, 3 });
		assertThat(HEX.formatHex(hash.toBytes())).isEqualTo("0003010203");
		assertThat(hash.digest()).containsExactly(1, 2, 3);
	}

	@Test
	void carriesUnknownHashFunctions() {
		Multihash hash = Multihash.decode(HEX.parseHex("b22002abcd"));
		assertThat(hash.code()).isEqualTo(0x1032);
		assertThat(hash.digest()).containsExactly(0xab, 0xcd);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "1201ff| sha2-256 multihash digest must be 32 bytes, not 1", "0005010203| truncated to 3 bytes",
					"00| varint truncated", "0001ffff| 1 byte(s) after the multihash",
					"00818001| exceeds the limit of 1024", "808080801000| out of range" })
	void rejectsMalformedBytes(String hex, String message) {
		assertThatExceptionOfType(MultiformatException.class).isThrownBy(() -> Multihash.decode(HEX.parseHex(hex)))
			.withMessageContaining(message);
	}

}
