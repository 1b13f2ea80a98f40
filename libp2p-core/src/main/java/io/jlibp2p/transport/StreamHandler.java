package io.jlibp2p.transport;

import io.jlibp2p.muxer.StreamChannel;

/**
 * Serves one protocol on streams: adds the protocol's handlers to a stream whose protocol
 * was just agreed. Runs on the connection's event loop, before any of the stream's data
 * is passed on.
 */
@FunctionalInterface
public interface StreamHandler {

	/**
	 * Sets up a negotiated stream.
	 * @param connection the stream's connection
	 * @param stream the stream, with its protocol set
	 */
	void initialize(Connection connection, StreamChannel stream);

}
