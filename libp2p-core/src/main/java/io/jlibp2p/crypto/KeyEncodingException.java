package io.jlibp2p.crypto;

/**
 * Thrown when bytes are not a valid libp2p key: a malformed protobuf, an unknown key
 * type, key data of the wrong length or structure, or an RSA size outside the accepted
 * range. The message names the key type and the problem, never key material.
 */
public class KeyEncodingException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	public KeyEncodingException(String message) {
		super(message);
	}

	public KeyEncodingException(String message, Throwable cause) {
		super(message, cause);
	}

}
