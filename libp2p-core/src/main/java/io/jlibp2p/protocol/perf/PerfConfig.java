package io.jlibp2p.protocol.perf;

/**
 * Perf settings.
 *
 * @param server whether to serve perf requests (off by default, as the spec advises: a
 * perf server sends whatever a client asks for)
 * @param maxServedBytes most bytes the server sends for one request; larger requests are
 * reset
 */
public record PerfConfig(boolean server, long maxServedBytes) {

	/** Defaults: no server; 16 GiB a request when enabled. */
	public static final PerfConfig DEFAULT = new PerfConfig(false, 16L * 1024 * 1024 * 1024);

	public PerfConfig {
		if (maxServedBytes < 0) {
			throw new IllegalArgumentException("maxServedBytes must not be negative: " + maxServedBytes);
		}
	}

}
