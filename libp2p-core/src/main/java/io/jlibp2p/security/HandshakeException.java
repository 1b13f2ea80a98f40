package io.jlibp2p.security;

/**
 * A security handshake failed: malformed or undecryptable messages, a bad identity
 * signature, a remote PeerId other than the one dialed, or a timeout. The message says
 * which; it never contains key material.
 */
public class HandshakeException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public HandshakeException(String message) {
		super(message);
	}

	public HandshakeException(String message, Throwable cause) {
		super(message, cause);
	}

}
