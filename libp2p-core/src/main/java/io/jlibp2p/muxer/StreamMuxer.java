package io.jlibp2p.muxer;

import java.util.function.Consumer;

import io.netty.util.concurrent.Future;

/**
 * A muxer session on one connection, as the connection sees it.
 */
public interface StreamMuxer {

	/**
	 * Returns the muxer's protocol id.
	 * @return the id, such as {@code /yamux/1.0.0}
	 */
	String protocolId();

	/**
	 * Opens a stream.
	 * @param initializer adds the stream's handlers before it is registered
	 * @return the stream, completed on the connection's event loop
	 */
	Future<StreamChannel> openStream(Consumer<StreamChannel> initializer);

	/**
	 * Returns the number of streams in use on this side.
	 * @return streams whose channel is open, half-closed ones included
	 */
	int streamCount();

	/**
	 * Returns the number of streams that keep the connection from going idle.
	 * @return streams whose channel is open, half-closed ones included, except those that
	 * {@linkplain StreamChannel#ignoreForKeepAlive ignore keep-alive}
	 */
	int keepAliveStreamCount();

}
