package io.jlibp2p.muxer.mplex;

/**
 * mplex limits. mplex has no flow control, so a reader that falls behind is bounded by
 * resetting its stream.
 *
 * @param maxStreams streams open at once on a connection; inbound streams beyond it are
 * reset
 * @param maxBufferedPerStream bytes received on a stream and not yet read before it is
 * reset
 * @param maxMessage largest frame payload accepted and written (the spec's 1 MiB)
 */
public record MplexConfig(int maxStreams, int maxBufferedPerStream, int maxMessage) {

	/** The spec's largest message. */
	public static final int SPEC_MAX_MESSAGE = 1024 * 1024;

	/** Defaults: 512 streams, 4 MiB unread per stream, 1 MiB messages. */
	public static final MplexConfig DEFAULT = new MplexConfig(512, 4 * 1024 * 1024, SPEC_MAX_MESSAGE);

	public MplexConfig {
		if (maxStreams < 1 || maxBufferedPerStream < 1 || maxMessage < 1 || maxMessage > SPEC_MAX_MESSAGE) {
			throw new IllegalArgumentException("mplex limits must be positive and messages at most 1 MiB: " + maxStreams
					+ ", " + maxBufferedPerStream + ", " + maxMessage);
		}
	}

}
