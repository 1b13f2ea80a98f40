package io.jlibp2p.muxer;

/**
 * Fired down a connection's pipeline when the muxer reset an inbound stream because the
 * stream limit was reached, so the connection's owner can count it.
 */
public enum StreamRefusedEvent {

	/** The one event. */
	INSTANCE

}
