package io.jlibp2p.protocol.perf;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.jlibp2p.swarm.NetworkBehaviour;
import io.jlibp2p.transport.Connection;
import io.jlibp2p.transport.StreamHandler;

/**
 * The perf behaviour: runs throughput measurements against a perf server and, when
 * enabled, serves them.
 */
public final class Perf implements NetworkBehaviour {

	/** The protocol id. */
	public static final String ID = "/perf/1.0.0";

	private final PerfConfig config;

	/**
	 * Creates the behaviour.
	 * @param config the settings
	 */
	public Perf(PerfConfig config) {
		this.config = config;
	}

	@Override
	public Map<String, StreamHandler> protocols() {
		if (!this.config.server()) {
			return Map.of();
		}
		return Map.of(ID,
				(connection, stream) -> stream.pipeline().addLast(new PerfServer(this.config.maxServedBytes())));
	}

	/**
	 * Measures: uploads and then downloads the given numbers of bytes on a new stream.
	 * @param connection a connection to a perf server
	 * @param uploadBytes bytes to send
	 * @param downloadBytes bytes to ask for
	 * @return the measurement
	 */
	public CompletableFuture<PerfResult> run(Connection connection, long uploadBytes, long downloadBytes) {
		if (uploadBytes < 0 || downloadBytes < 0) {
			throw new IllegalArgumentException("byte counts must not be negative");
		}
		CompletableFuture<PerfResult> result = new CompletableFuture<>();
		connection
			.newStream(List.of(ID),
					(c, stream) -> stream.pipeline().addLast(new PerfClient(uploadBytes, downloadBytes, result)))
			.exceptionally((failure) -> {
				result.completeExceptionally(failure);
				return null;
			});
		return result;
	}

}
