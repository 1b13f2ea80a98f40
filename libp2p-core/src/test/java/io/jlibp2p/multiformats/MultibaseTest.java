package io.jlibp2p.multiformats;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MultibaseTest {

	private static final byte[] YES_MANI = "yes mani !".getBytes(StandardCharsets.US_ASCII);

	@ParameterizedTest
	@CsvSource({ "BASE58BTC, z7paNL19xttacUY", "BASE32, bpfsxgidnmfxgsibb", "BASE64URL, ueWVzIG1hbmkgIQ",
			"BASE16, f796573206d616e692021" })
	void encodesAndDecodesTheSpecVector(Multibase base, String text) {
		assertThat(base.encode(YES_MANI)).isEqualTo(text);
		assertThat(Multibase.decode(text)).isEqualTo(YES_MANI);
		assertThat(Multibase.of(text)).isEqualTo(base);
	}

	@Test
	void base58KeepsLeadingZeroBytesAsOnes() {
		byte[] bytes = { 0, 0, 1 };
		assertThat(Multibase.BASE58BTC.encode(bytes)).isEqualTo("z112");
		assertThat(Multibase.decode("z112")).isEqualTo(bytes);
		assertThat(Multibase.decode("z")).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(Multibase.class)
	void roundTripsRandomBytesOfEveryLength(Multibase base) {
		Random random = new Random(42);
		for (int length = 0; length < 80; length++) {
			byte[] bytes = new byte[length];
			random.nextBytes(bytes);
			if (length > 0 && length % 7 == 0) {
				bytes[0] = 0;
			}
			assertThat(Multibase.decode(base.encode(bytes))).as("length %d", length).isEqualTo(bytes);
		}
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "| empty multibase text", "x123| unsupported multibase prefix 'x'",
					"z0OIl| invalid base58 character '0' at index 0", "bpfsxgidnmfxgsib1| invalid base32 character '1'",
					"bAA| invalid base32 character 'A'", "ba| impossible length", "bab| non-zero padding bits",
					"ueWVzIG1hbmkgIQ==| must not be padded", "ue+Vz| invalid base64url text", "f7| invalid base16 text",
					"fAB| must be lower case" })
	void rejectsMalformedText(String text, String message) {
		assertThatExceptionOfType(MultiformatException.class)
			.isThrownBy(() -> Multibase.decode(text == null ? "" : text))
			.withMessageContaining(message);
	}

	@Test
	void refusesBase58TextAboveTheLimit() {
		String text = "z" + "2".repeat(Base58.MAX_DECODE_LENGTH + 1);
		assertThatExceptionOfType(MultiformatException.class).isThrownBy(() -> Multibase.decode(text))
			.withMessageContaining("exceeds the limit of 1024");
	}

	@ParameterizedTest
	@ValueSource(strings = { "z\u00e9", "b\u0000" })
	void rejectsNonAsciiCharacters(String text) {
		assertThatExceptionOfType(MultiformatException.class).isThrownBy(() -> Multibase.decode(text));
	}

}
