package io.jlibp2p.spring.autoconfigure;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import io.jlibp2p.crypto.KeyEncodingException;
import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.crypto.PrivateKey;

/**
 * Loads the node's identity key from a file, or creates the file with a new key. The file
 * holds the libp2p private key protobuf and must be readable by its owner only: a key
 * others can read is refused, never used. The key is never logged.
 */
final class IdentityKeyFile {

	private IdentityKeyFile() {
	}

	static PrivateKey loadOrCreate(Path file, KeyType type) throws IOException {
		if (Files.exists(file)) {
			return load(file);
		}
		PrivateKey key = Keys.generate(type);
		Path parent = file.toAbsolutePath().getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		try {
			if (SecretFiles.isPosix(file.toAbsolutePath().getParent())) {
				Files.createFile(file,
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			}
			else {
				Files.createFile(file);
			}
		}
		catch (FileAlreadyExistsException ex) {
			// Another instance created it in the meantime: use that key.
			return load(file);
		}
		Files.write(file, key.marshal());
		return key;
	}

	private static PrivateKey load(Path file) throws IOException {
		SecretFiles.requireOwnerOnly(file, "libp2p.identity.key-file");
		if (Files.size(file) > Keys.MAX_ENCODED_LENGTH) {
			throw new IllegalStateException("libp2p.identity.key-file " + file + " is larger than any libp2p key ("
					+ Keys.MAX_ENCODED_LENGTH + " bytes)");
		}
		try {
			return Keys.unmarshalPrivateKey(Files.readAllBytes(file));
		}
		catch (KeyEncodingException ex) {
			throw new IllegalStateException(
					"libp2p.identity.key-file " + file + " does not hold a libp2p private key: " + ex.getMessage(), ex);
		}
	}

}
