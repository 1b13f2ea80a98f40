package io.jlibp2p.peer;

import io.jlibp2p.multiformats.MultiformatException;

/**
 * Thrown when text or bytes are not a valid PeerId. The message quotes the offending text
 * (a PeerId is public) and says what is wrong with it.
 */
public class PeerIdException extends MultiformatException {

	private static final long serialVersionUID = 1L;

	public PeerIdException(String message) {
		super(message);
	}

	public PeerIdException(String message, Throwable cause) {
		super(message, cause);
	}

}
