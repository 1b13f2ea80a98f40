package io.jlibp2p.multiformats;

import java.nio.ByteBuffer;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class VarintTest {

	private static final HexFormat HEX = HexFormat.of();

	@ParameterizedTest
	@CsvSource({ "0, 00", "1, 01", "127, 7f", "128, 8001", "255, ff01", "300, ac02", "16384, 808001", "421, a503",
			"9223372036854775807, ffffffffffffffff7f" })
	void encodesAndDecodesSpecVectors(long value, String hex) {
		assertThat(HEX.formatHex(Varint.encode(value))).isEqualTo(hex);
		assertThat(Varint.encodedLength(value)).isEqualTo(hex.length() / 2);
		assertThat(Varint.decode(HEX.parseHex(hex))).isEqualTo(value);
	}

	@ParameterizedTest
	@ValueSource(strings = { "8100", "ff00", "808000", "ffffffffffffffff00" })
	void rejectsNonMinimalEncodings(String hex) {
		assertThatExceptionOfType(MultiformatException.class).isThrownBy(() -> Varint.decode(HEX.parseHex(hex)))
			.withMessageContaining("not minimally encoded");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "80", "ff", "ffffffff" })
	void rejectsTruncatedEncodings(String hex) {
		assertThatExceptionOfType(MultiformatException.class).isThrownBy(() -> Varint.decode(HEX.parseHex(hex)))
			.withMessageContaining("truncated");
	}

	@Test
	void rejectsMoreThanNineBytes() {
		assertThatExceptionOfType(MultiformatException.class)
			.isThrownBy(() -> Varint.decode(HEX.parseHex("ffffffffffffffffff01")))
			.withMessageContaining("longer than 9 bytes");
	}

	@Test
	void rejectsTrailingBytes() {
		assertThatExceptionOfType(MultiformatException.class).isThrownBy(() -> Varint.decode(HEX.parseHex("0101")))
			.withMessageContaining("1 byte(s) after the varint");
	}

	@Test
	void readAdvancesPastOneVarintOnly() {
		ByteBuffer in = ByteBuffer.wrap(HEX.parseHex("ac02ff"));
		assertThat(Varint.read(in)).isEqualTo(300);
		assertThat(in.position()).isEqualTo(2);
	}

	@Test
	void readBoundedRejectsValuesAboveTheLimit() {
		ByteBuffer in = ByteBuffer.wrap(HEX.parseHex("ac02"));
		assertThatExceptionOfType(MultiformatException.class)
			.isThrownBy(() -> Varint.readBounded(in, 299, "frame length"))
			.withMessage("frame length 300 exceeds the limit of 299");
	}

	@Test
	void refusesToEncodeNegativeValues() {
		assertThatIllegalArgumentException().isThrownBy(() -> Varint.encode(-1));
	}

}
