package io.jlibp2p.security.pnet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * A private network's 32-byte pre-shared key, read from the swarm key file format go and
 * js use:
 *
 * <pre>
 * /key/swarm/psk/1.0.0/
 * /base16/
 * dffb7e3135399a8b1612b2aaca1c36a3a8ac2cd0cca51ceeb2ced87d308cac6d
 * </pre>
 *
 * with {@code /base16/} or {@code /base64/} as the encoding. Its {@link #toString()}
 * never shows the key.
 */
public final class PreSharedKey {

	/** The key's length in bytes. */
	public static final int LENGTH = 32;

	/** The first line of a key file. */
	public static final String HEADER = "/key/swarm/psk/1.0.0/";

	/**
	 * The largest key file read: the header, the encoding and a key with spaces to spare.
	 */
	static final int MAX_FILE_LENGTH = 256;

	private final byte[] key;

	private PreSharedKey(byte[] key) {
		this.key = key;
	}

	/**
	 * Wraps raw key bytes.
	 * @param key 32 bytes
	 * @return the key
	 * @throws PnetException if the length is not 32
	 */
	public static PreSharedKey of(byte[] key) {
		if (key.length != LENGTH) {
			throw new PnetException("a pre-shared key has " + LENGTH + " bytes, not " + key.length);
		}
		return new PreSharedKey(key.clone());
	}

	/**
	 * Parses a key file's content.
	 * @param text the content
	 * @return the key
	 * @throws PnetException naming what is wrong, never the key
	 */
	public static PreSharedKey parse(String text) {
		if (text.length() > MAX_FILE_LENGTH) {
			throw new PnetException(
					"a swarm key file has at most " + MAX_FILE_LENGTH + " characters, not " + text.length());
		}
		List<String> lines = text.lines().map(String::strip).filter((line) -> !line.isEmpty()).toList();
		if (lines.size() != 3) {
			throw new PnetException(
					"a swarm key file has three lines (" + HEADER + ", the encoding, the key), not " + lines.size());
		}
		if (!lines.get(0).equals(HEADER)) {
			throw new PnetException("a swarm key file starts with " + HEADER);
		}
		byte[] key;
		try {
			key = switch (lines.get(1)) {
				case "/base16/" -> HexFormat.of().parseHex(lines.get(2));
				case "/base64/" -> Base64.getDecoder().decode(lines.get(2));
				default -> throw new PnetException(
						"a swarm key's encoding is /base16/ or /base64/, not '" + printable(lines.get(1)) + "'");
			};
		}
		catch (IllegalArgumentException ex) {
			throw new PnetException("the swarm key is not valid " + lines.get(1) + " text");
		}
		try {
			return of(key);
		}
		finally {
			Arrays.fill(key, (byte) 0);
		}
	}

	/**
	 * Reads a key file.
	 * @param file the file
	 * @return the key
	 * @throws PnetException if it is malformed
	 * @throws UncheckedIOException if it cannot be read
	 */
	public static PreSharedKey read(Path file) {
		try {
			if (Files.size(file) > MAX_FILE_LENGTH) {
				throw new PnetException(file + " is too large to be a swarm key file");
			}
			return parse(Files.readString(file, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the swarm key file " + file, ex);
		}
	}

	/**
	 * Returns the key in the base16 key file format.
	 * @return the file's content
	 */
	public String toFileContent() {
		return HEADER + "\n/base16/\n" + HexFormat.of().formatHex(this.key) + "\n";
	}

	byte[] bytes() {
		return this.key;
	}

	private static String printable(String line) {
		String shown = (line.length() > 16) ? line.substring(0, 16) + "…" : line;
		return shown.replaceAll("\\p{Cntrl}", "?");
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof PreSharedKey that && MessageDigest.isEqual(this.key, that.key);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.key);
	}

	@Override
	public String toString() {
		return "PreSharedKey[32 bytes]";
	}

}
