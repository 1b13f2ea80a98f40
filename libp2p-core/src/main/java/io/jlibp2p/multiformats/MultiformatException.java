package io.jlibp2p.multiformats;

/**
 * Thrown when bytes or text do not form a valid multiformat value. The message names the
 * format, the offending value and, where one applies, the limit it broke.
 *
 * <p>
 * Unchecked, like {@link NumberFormatException}: parsing is the caller's validation step.
 */
public class MultiformatException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	public MultiformatException(String message) {
		super(message);
	}

	public MultiformatException(String message, Throwable cause) {
		super(message, cause);
	}

}
