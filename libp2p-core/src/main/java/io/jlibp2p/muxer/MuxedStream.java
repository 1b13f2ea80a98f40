package io.jlibp2p.muxer;

import org.jspecify.annotations.Nullable;

/**
 * A muxer's state for one stream, as {@link MuxerSession} manages it. Runs on the
 * connection's event loop only.
 */
public interface MuxedStream extends StreamTransport {

	/**
	 * Binds the stream's channel, before it is registered.
	 * @param channel the channel
	 */
	void attach(StreamChannel channel);

	/**
	 * Returns the stream's channel.
	 * @return the channel, or {@code null} before {@link #attach}
	 */
	@Nullable StreamChannel channel();

	/**
	 * Sends what opening (outbound) or accepting (inbound) the stream takes on the wire.
	 */
	void start();

	/** The peer reset the stream, or the connection went away. */
	void onReset();

}
