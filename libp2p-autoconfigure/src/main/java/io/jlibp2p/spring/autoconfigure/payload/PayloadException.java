package io.jlibp2p.spring.autoconfigure.payload;

/**
 * A payload that cannot be converted: bytes that are not the expected type, or an object
 * no converter writes.
 */
public class PayloadException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message what could not be converted
	 * @param cause the converter's failure, if any
	 */
	public PayloadException(String message, Throwable cause) {
		super(message, cause);
	}

	/**
	 * Creates the exception.
	 * @param message what could not be converted
	 */
	public PayloadException(String message) {
		super(message);
	}

}
