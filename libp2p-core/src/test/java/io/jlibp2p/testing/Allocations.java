package io.jlibp2p.testing;

import java.lang.management.ManagementFactory;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a parser on fuzz input, lets only its declared exception through as "rejected",
 * and checks what the parser allocates on the calling thread, so hostile lengths can
 * never make a parser allocate more than a small multiple of its input.
 */
public final class Allocations {

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private Allocations() {
	}

	/**
	 * Parses the input twice, the second time measured: parsers are pure, so the first
	 * run takes class loading and initialisation out of the figure. The budget is
	 * {@code fixed + perInputUnit × inputLength}.
	 * @param <T> the parsed type
	 * @param inputLength the input size in bytes or characters
	 * @param perInputUnit the allowed allocation per input unit
	 * @param fixed the allowed allocation whatever the input (exception objects and their
	 * traces)
	 * @param declared the exception type the parser declares for bad input
	 * @param parse the parse
	 * @return the parsed value, or {@code null} if the parser rejected the input
	 */
	public static <T> @Nullable T parse(int inputLength, long perInputUnit, long fixed,
			Class<? extends RuntimeException> declared, Supplier<T> parse) {
		run(parse, declared);
		long before = THREADS.getCurrentThreadAllocatedBytes();
		T result = run(parse, declared);
		long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
		assertThat(allocated).as("bytes allocated parsing an input of %d", inputLength)
			.isLessThanOrEqualTo(fixed + perInputUnit * inputLength);
		return result;
	}

	private static <T> @Nullable T run(Supplier<T> parse, Class<? extends RuntimeException> declared) {
		try {
			return parse.get();
		}
		catch (RuntimeException ex) {
			if (declared.isInstance(ex)) {
				return null;
			}
			throw ex;
		}
	}

}
