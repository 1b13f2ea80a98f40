package io.jlibp2p.spring.autoconfigure.web;

import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.jlibp2p.multistream.UnsupportedProtocolException;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.protocol.perf.Perf;
import io.jlibp2p.protocol.perf.PerfResult;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.transport.Connection;

/**
 * Measures throughput to a peer with the perf protocol, as iperf does: {@code POST
 * /libp2p/peers/{peerId}/perf} with {@code {"uploadBytes": n, "downloadBytes": n}}. 409
 * when perf is off here ({@code libp2p.perf.enabled}) or the peer does not serve it, 400
 * past {@code libp2p.perf.max-bytes}, 504 past the REST timeout (which stops the
 * transfer).
 */
@RestController
@RequestMapping("${libp2p.rest.base-path:/libp2p}")
public class PerfRestController {

	private static final int MAX_BODY = 1024;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Swarm swarm;

	private final @Nullable Perf perf;

	private final long maxBytes;

	private final Duration timeout;

	/**
	 * Creates the controller.
	 * @param swarm the node
	 * @param perf the perf behaviour, or {@code null} when perf is off
	 * @param maxBytes most bytes one run may upload or download
	 * @param timeout how long a run may take before the request fails with 504
	 */
	public PerfRestController(Swarm swarm, @Nullable Perf perf, long maxBytes, Duration timeout) {
		this.swarm = swarm;
		this.perf = perf;
		this.maxBytes = maxBytes;
		this.timeout = timeout;
	}

	/** Uploads and then downloads the bytes asked for, on a new perf stream. */
	@PostMapping("/peers/{peerId}/perf")
	public PerfRun perf(@PathVariable("peerId") String peerId, HttpServletRequest request) throws Exception {
		PeerId peer = PeerId.parse(peerId);
		RequestBodies.requireJson(request);
		JsonNode body = parse(RequestBodies.read(request, MAX_BODY, "the perf request limit"));
		long upload = byteCount(body, "uploadBytes");
		long download = byteCount(body, "downloadBytes");
		Perf perf = this.perf;
		if (perf == null) {
			throw new Libp2pRestController.ProtocolDisabledException(
					"perf is disabled on this node (libp2p.perf.enabled=false)");
		}
		Libp2pRestController.requireReachable(this.swarm, peer);
		long deadline = System.nanoTime() + this.timeout.toNanos();
		Connection connection = Futures.await(this.swarm.dial(peer), this.timeout);
		try {
			// the run's own future, so that a timeout cancels it and stops the transfer
			return PerfRun.of(Futures.await(perf.run(connection, upload, download),
					Duration.ofNanos(deadline - System.nanoTime())));
		}
		catch (UnsupportedProtocolException ex) {
			throw new Libp2pRestController.ProtocolDisabledException(
					"peer " + peer + " does not serve " + Perf.ID + " (libp2p.perf.enabled on its side)");
		}
	}

	private static JsonNode parse(byte[] body) {
		try {
			return JSON.readTree(body);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("the body is not JSON: {\"uploadBytes\": n, \"downloadBytes\": n}");
		}
	}

	private long byteCount(JsonNode body, String field) {
		JsonNode value = body.path(field);
		if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
			throw new IllegalArgumentException(field + " must be a whole number of bytes, 0 or more");
		}
		if (value.asLong() > this.maxBytes) {
			throw new IllegalArgumentException(
					field + " of " + value.asLong() + " is over libp2p.perf.max-bytes, " + this.maxBytes);
		}
		return value.asLong();
	}

	/**
	 * One perf run.
	 *
	 * @param uploadBytes bytes sent
	 * @param downloadBytes bytes received
	 * @param uploadSeconds time of the upload
	 * @param downloadSeconds time of the download, from the end of the upload
	 * @param uploadMbps upload throughput in megabits a second
	 * @param downloadMbps download throughput in megabits a second
	 */
	public record PerfRun(long uploadBytes, long downloadBytes, double uploadSeconds, double downloadSeconds,
			double uploadMbps, double downloadMbps) {

		static PerfRun of(PerfResult result) {
			Duration download = result.totalTime().minus(result.uploadTime());
			return new PerfRun(result.uploadBytes(), result.downloadBytes(), result.uploadTime().toNanos() / 1e9,
					download.toNanos() / 1e9, result.uploadBitsPerSecond() / 1e6, result.downloadBitsPerSecond() / 1e6);
		}

	}

}
