package io.jlibp2p.spring.autoconfigure.view;

import java.util.Locale;

import io.jlibp2p.transport.Connection;

/**
 * An open connection.
 *
 * @param peerId the remote peer
 * @param direction {@code inbound} or {@code outbound}
 * @param remoteAddress the remote address
 * @param security the security protocol
 * @param muxer the muxer protocol
 * @param streams the open streams
 */
public record ConnectionView(String peerId, String direction, String remoteAddress, String security, String muxer,
		int streams) {

	/**
	 * Describes a connection.
	 * @param connection the connection
	 * @return the view
	 */
	public static ConnectionView of(Connection connection) {
		return new ConnectionView(connection.remotePeer().toString(),
				connection.direction().name().toLowerCase(Locale.ROOT), connection.remoteAddress().toString(),
				connection.security().protocol(), connection.muxer(), connection.streamCount());
	}

}
