package io.jlibp2p.spring.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.springframework.util.unit.DataSize;

import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.multiformats.MultiformatException;

/**
 * The checks {@link Libp2pProperties} runs at binding, each failing with a message that
 * names the property and what is wrong with its value.
 */
final class PropertyChecks {

	private PropertyChecks() {
	}

	static void requireKnown(String property, Runnable check) {
		try {
			check.run();
		}
		catch (IllegalArgumentException ex) {
			// The property's name with core's reason, as the one message a user reads.
			throw new IllegalArgumentException(property + ": " + ex.getMessage());
		}
	}

	static void requirePositive(String property, long value) {
		if (value < 1) {
			throw new IllegalArgumentException(property + " must be at least 1, not " + value);
		}
	}

	static void requirePositive(String property, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(property + " must be positive, not " + value);
		}
	}

	static void requirePositive(String property, DataSize value) {
		if (value.toBytes() < 1) {
			throw new IllegalArgumentException(property + " must be positive, not " + value);
		}
	}

	static void requireMultiaddrs(String property, List<String> addresses) {
		requireEach(property, addresses, (address) -> {
			try {
				return Multiaddr.parse(address);
			}
			catch (MultiformatException ex) {
				throw new IllegalArgumentException("is not a multiaddr: " + ex.getMessage(), ex);
			}
		});
	}

	static void requireEach(String property, List<String> values, Function<String, ?> parser) {
		for (String value : values) {
			try {
				parser.apply(value);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(property + ": '" + value + "' " + ex.getMessage());
			}
		}
	}

}
