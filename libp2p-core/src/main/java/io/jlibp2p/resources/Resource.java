package io.jlibp2p.resources;

import java.util.Locale;

/**
 * What a scope limits.
 */
public enum Resource {

	/** Streams the peer opened. */
	STREAMS_INBOUND,

	/** Streams this node opened. */
	STREAMS_OUTBOUND,

	/** Bytes of buffers and receive windows. */
	MEMORY,

	/** Sockets: connections accepted or dialed, from the moment they exist. */
	FILE_DESCRIPTORS;

	/**
	 * Returns the name used in metric tags.
	 * @return the lower-case name
	 */
	public String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

}
