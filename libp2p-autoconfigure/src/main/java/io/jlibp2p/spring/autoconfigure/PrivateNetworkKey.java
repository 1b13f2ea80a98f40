package io.jlibp2p.spring.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

import io.jlibp2p.security.pnet.PnetException;
import io.jlibp2p.security.pnet.PreSharedKey;

/**
 * Reads the private network's key from {@code libp2p.pnet.*}: a key file readable by its
 * owner only, or the file's content from a secret. Neither the key nor its file's content
 * is ever logged or put in a message.
 */
final class PrivateNetworkKey {

	private PrivateNetworkKey() {
	}

	static Optional<PreSharedKey> of(Libp2pProperties.Pnet pnet) {
		Path file = pnet.keyFile();
		String text = pnet.key();
		try {
			if (file != null) {
				SecretFiles.requireOwnerOnly(file, "libp2p.pnet.key-file");
				return Optional.of(PreSharedKey.read(file));
			}
			return (text != null) ? Optional.of(PreSharedKey.parse(text)) : Optional.empty();
		}
		catch (PnetException ex) {
			String property = (file != null) ? "libp2p.pnet.key-file " + file : "libp2p.pnet.key";
			throw new IllegalStateException(property + " is not a swarm key: " + ex.getMessage());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read libp2p.pnet.key-file " + file, ex);
		}
	}

}
