package io.jlibp2p.muxer;

import io.netty.buffer.ByteBuf;

/**
 * What a {@link StreamChannel} needs from its muxer: the muxer's side of one stream. All
 * methods run on the connection's event loop.
 */
public interface StreamTransport {

	/**
	 * Returns how many bytes the stream may send now: the peer's flow-control window,
	 * zero while the connection itself cannot take more.
	 * @return the credit in bytes
	 */
	int writeCredit();

	/**
	 * Sends data on the stream; never more than {@link #writeCredit()} bytes. Takes
	 * ownership of the buffer. Not flushed.
	 * @param data the data
	 */
	void writeData(ByteBuf data);

	/** Flushes what {@link #writeData} wrote to the connection. */
	void flush();

	/** Half-closes the stream: this side sends nothing more. */
	void writeFin();

	/** Aborts the stream in both directions. */
	void writeReset();

	/**
	 * Tells the muxer that the application has taken bytes, so the peer may send that
	 * much more.
	 * @param bytes the number of bytes
	 */
	void consumed(int bytes);

	/**
	 * Passes an event about the stream to the connection's handlers after the muxer.
	 * @param event the event
	 */
	void report(Object event);

	/**
	 * The stream's channel closed: the muxer forgets the stream once both sides are done.
	 */
	void closed();

}
