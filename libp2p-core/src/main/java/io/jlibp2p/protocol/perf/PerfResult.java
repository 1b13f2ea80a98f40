package io.jlibp2p.protocol.perf;

import java.time.Duration;

/**
 * One perf run as the client saw it.
 *
 * @param uploadBytes bytes sent to the server
 * @param downloadBytes bytes received from the server
 * @param uploadTime from the first byte sent to the half-close after the last
 * @param totalTime from opening the stream to the server's half-close
 */
public record PerfResult(long uploadBytes, long downloadBytes, Duration uploadTime, Duration totalTime) {

	/**
	 * Returns the download throughput, measured from the end of the upload.
	 * @return bits per second
	 */
	public double downloadBitsPerSecond() {
		return bitsPerSecond(this.downloadBytes, this.totalTime.minus(this.uploadTime));
	}

	/**
	 * Returns the upload throughput.
	 * @return bits per second
	 */
	public double uploadBitsPerSecond() {
		return bitsPerSecond(this.uploadBytes, this.uploadTime);
	}

	private static double bitsPerSecond(long bytes, Duration time) {
		return (time.isZero() || time.isNegative()) ? 0 : bytes * 8.0 / (time.toNanos() / 1e9);
	}

}
