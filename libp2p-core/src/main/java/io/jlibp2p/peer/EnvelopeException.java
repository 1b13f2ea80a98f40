package io.jlibp2p.peer;

/**
 * Thrown when a signed envelope or the record inside it cannot be trusted: malformed
 * bytes, a signature that does not verify for the expected domain, an unexpected payload
 * type, or a record that names another peer than the signer.
 */
public class EnvelopeException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	public EnvelopeException(String message) {
		super(message);
	}

	public EnvelopeException(String message, Throwable cause) {
		super(message, cause);
	}

}
