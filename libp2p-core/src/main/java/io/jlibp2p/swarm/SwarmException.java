package io.jlibp2p.swarm;

/**
 * The swarm refused or could not complete an operation: a limit, no usable address, a
 * closed swarm. The message says which.
 */
public class SwarmException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public SwarmException(String message) {
		super(message);
	}

}
