package io.jlibp2p.transport;

import java.util.Locale;

/**
 * The {@link ConnectionGater} refused a connection.
 */
public class GatedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final ConnectionGater.Checkpoint checkpoint;

	/**
	 * Creates the exception.
	 * @param checkpoint where the gater refused
	 * @param subject what it refused: a peer or an address
	 */
	public GatedException(ConnectionGater.Checkpoint checkpoint, Object subject) {
		super("the connection gater refused " + subject + " at " + checkpoint.name().toLowerCase(Locale.ROOT));
		this.checkpoint = checkpoint;
	}

	/**
	 * Returns where the gater refused.
	 * @return the checkpoint
	 */
	public ConnectionGater.Checkpoint checkpoint() {
		return this.checkpoint;
	}

}
