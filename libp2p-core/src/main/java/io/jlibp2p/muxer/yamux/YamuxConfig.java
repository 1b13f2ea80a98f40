package io.jlibp2p.muxer.yamux;

/**
 * Yamux limits.
 *
 * @param receiveWindow bytes a stream's peer may send ahead of the reader, at least the
 * spec's 256 KiB; what exceeds 256 KiB is granted when the stream opens
 * @param maxStreams streams open at once on a connection (both directions); inbound
 * streams beyond it are reset (rust allows 512, go-yamux 1000)
 * @param maxUnacknowledgedOutbound outbound streams the peer has not acknowledged yet;
 * opening more fails (the spec's ACK backlog of 256)
 * @param maxDataFrame largest data payload written in one frame
 */
public record YamuxConfig(int receiveWindow, int maxStreams, int maxUnacknowledgedOutbound, int maxDataFrame) {

	/** The spec's initial window, in bytes. */
	public static final int INITIAL_WINDOW = 256 * 1024;

	/** Defaults: 1 MiB windows, 512 streams, 256 unacknowledged, 32 KiB frames. */
	public static final YamuxConfig DEFAULT = new YamuxConfig(1024 * 1024, 512, 256, 32 * 1024);

	public YamuxConfig {
		if (receiveWindow < INITIAL_WINDOW) {
			throw new IllegalArgumentException(
					"receiveWindow must be at least " + INITIAL_WINDOW + " bytes, not " + receiveWindow);
		}
		if (maxStreams < 1 || maxUnacknowledgedOutbound < 1 || maxDataFrame < 1) {
			throw new IllegalArgumentException("yamux limits must be positive: " + maxStreams + ", "
					+ maxUnacknowledgedOutbound + ", " + maxDataFrame);
		}
	}

}
