package io.jlibp2p.spring.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Files that hold secrets (the identity key, a private network's key): a file that group
 * or others can read or write is refused, never used.
 */
final class SecretFiles {

	private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
			PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

	private SecretFiles() {
	}

	/**
	 * Refuses a file that others can access, on file systems with POSIX permissions.
	 * @param file the file
	 * @param property the property that names it, for the message
	 * @throws IOException if its permissions cannot be read
	 * @throws IllegalStateException if group or others can access it
	 */
	static void requireOwnerOnly(Path file, String property) throws IOException {
		if (isPosix(file)) {
			Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
			if (permissions.stream().anyMatch(OTHERS::contains)) {
				throw new IllegalStateException(property + " " + file + " is accessible to group or others ("
						+ PosixFilePermissions.toString(permissions)
						+ "); make it readable by its owner only (chmod 600)");
			}
		}
	}

	static boolean isPosix(@Nullable Path path) {
		return path != null && Files.getFileAttributeView(path, PosixFileAttributeView.class) != null;
	}

}
