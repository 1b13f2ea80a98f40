package io.jlibp2p.multiformats;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jlibp2p.testing.Allocations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz targets for the multiformats parsers. In a normal build they replay the inputs
 * under {@code src/test/resources/io/jlibp2p/multiformats/MultiformatsFuzzTestInputs};
 * with {@code JAZZER_FUZZ=1} they fuzz (see README.md). Each target checks that only the
 * declared exception escapes, that allocation stays within a small multiple of the input,
 * and that what parses round-trips.
 */
class MultiformatsFuzzTest {

	private static final long PER_UNIT = 64;

	private static final long FIXED = 32 * 1024;

	@FuzzTest
	void varint(byte[] input) {
		long[] read = new long[2];
		Long value = Allocations.parse(input.length, PER_UNIT, FIXED, MultiformatException.class, () -> {
			ByteBuffer in = ByteBuffer.wrap(input);
			read[0] = Varint.read(in);
			read[1] = in.position();
			return read[0];
		});
		if (value != null) {
			assertThat(value).isNotNegative();
			assertThat(Varint.encode(value)).isEqualTo(Arrays.copyOf(input, (int) read[1]));
		}
	}

	@FuzzTest
	void multibase(byte[] input) {
		String text = new String(input, StandardCharsets.UTF_8);
		byte[] decoded = Allocations.parse(text.length(), PER_UNIT, FIXED, MultiformatException.class,
				() -> Multibase.decode(text));
		if (decoded != null) {
			assertThat(Multibase.decode(Multibase.of(text).encode(decoded))).isEqualTo(decoded);
		}
	}

	@FuzzTest
	void multiaddrBytes(byte[] input) {
		Multiaddr address = Allocations.parse(input.length, PER_UNIT, FIXED, MultiaddrException.class,
				() -> Multiaddr.fromBytes(input));
		if (address != null) {
			assertThat(address.toBytes()).isEqualTo(input);
			assertThat(Multiaddr.parse(address.toString())).isEqualTo(address);
		}
	}

	@FuzzTest
	void multiaddrText(FuzzedDataProvider data) {
		String text = data.consumeRemainingAsString();
		Multiaddr address = Allocations.parse(text.length(), PER_UNIT, FIXED, MultiaddrException.class,
				() -> Multiaddr.parse(text));
		if (address != null) {
			assertThat(Multiaddr.fromBytes(address.toBytes())).isEqualTo(address);
			assertThat(Multiaddr.parse(address.toString())).isEqualTo(address);
		}
	}

}
