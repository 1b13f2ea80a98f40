package io.jlibp2p.security.pnet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The swarm key file format of go and js: both encodings, and every malformed file
 * refused with a message that names the problem and never the key.
 */
class PreSharedKeyTest {

	/** The example key of js-libp2p's pnet documentation. */
	private static final String HEX = "dffb7e3135399a8b1612b2aaca1c36a3a8ac2cd0cca51ceeb2ced87d308cac6d";

	@Test
	void readsBase16AndBase64FilesOfTheSameKey() {
		byte[] bytes = HexFormat.of().parseHex(HEX);
		PreSharedKey hex = PreSharedKey.parse("/key/swarm/psk/1.0.0/\n/base16/\n" + HEX + "\n");
		PreSharedKey base64 = PreSharedKey
			.parse("/key/swarm/psk/1.0.0/\r\n/base64/\r\n" + Base64.getEncoder().encodeToString(bytes));
		assertThat(hex).isEqualTo(base64).isEqualTo(PreSharedKey.of(bytes));
		assertThat(hex.bytes()).isEqualTo(bytes);
	}

	@Test
	void writesTheFileItReads(@TempDir Path directory) throws Exception {
		PreSharedKey key = PreSharedKey.parse("/key/swarm/psk/1.0.0/\n/base16/\n" + HEX);
		Path file = Files.writeString(directory.resolve("swarm.key"), key.toFileContent());
		assertThat(PreSharedKey.read(file)).isEqualTo(key);
		assertThat(key.toFileContent()).isEqualTo("/key/swarm/psk/1.0.0/\n/base16/\n" + HEX + "\n");
	}

	@Test
	void neverShowsTheKey() {
		PreSharedKey key = PreSharedKey.parse("/key/swarm/psk/1.0.0/\n/base16/\n" + HEX);
		assertThat(key.toString()).doesNotContain(HEX.substring(0, 8)).contains("32 bytes");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			/key/swarm/psk/2.0.0/;/base16/;%s                    | starts with /key/swarm/psk/1.0.0/
			/key/swarm/psk/1.0.0/;/base58btc/;%s                 | is /base16/ or /base64/, not '/base58btc/'
			/key/swarm/psk/1.0.0/;/base16/;zz%s                  | not valid /base16/ text
			/key/swarm/psk/1.0.0/;/base16/;abcd                  | has 32 bytes, not 2
			/key/swarm/psk/1.0.0/;/base64/;!!!!                  | not valid /base64/ text
			/key/swarm/psk/1.0.0/;/base16/                       | three lines
			/key/swarm/psk/1.0.0/;/base16/;%s;%s                 | three lines
			""")
	void refusesMalformedFiles(String lines, String reason) {
		String text = lines.replace(";", "\n").replace("%s", HEX);
		assertThatThrownBy(() -> PreSharedKey.parse(text)).isInstanceOf(PnetException.class)
			.hasMessageContaining(reason)
			.satisfies((failure) -> assertThat(failure.getMessage()).doesNotContain(HEX));
	}

	@Test
	void refusesFilesTooLargeToBeAKey() {
		String large = "/key/swarm/psk/1.0.0/\n/base16/\n" + HEX + "\n" + " ".repeat(300);
		assertThatThrownBy(() -> PreSharedKey.parse(large)).isInstanceOf(PnetException.class)
			.hasMessageContaining("at most 256 characters");
	}

}
