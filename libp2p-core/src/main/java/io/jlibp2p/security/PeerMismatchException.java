package io.jlibp2p.security;

/**
 * The peer authenticated as someone other than the peer that was dialed.
 */
public class PeerMismatchException extends HandshakeException {

	private static final long serialVersionUID = 1L;

	public PeerMismatchException(String message) {
		super(message);
	}

}
