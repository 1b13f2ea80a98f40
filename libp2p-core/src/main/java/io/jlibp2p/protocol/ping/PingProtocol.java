package io.jlibp2p.protocol.ping;

/**
 * The ping wire format: the dialer writes {@value #PAYLOAD_LENGTH} random bytes, the
 * listener writes the same bytes back, repeatedly on one stream.
 */
public final class PingProtocol {

	/** The protocol id. */
	public static final String ID = "/ipfs/ping/1.0.0";

	/** Bytes in one ping. */
	public static final int PAYLOAD_LENGTH = 32;

	/** Inbound ping streams allowed at once per connection, as the spec and js allow. */
	public static final int MAX_INBOUND_STREAMS = 2;

	private PingProtocol() {
	}

}
