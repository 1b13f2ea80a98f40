package io.jlibp2p.resources;

import java.util.Locale;

/**
 * The kinds of scope resources are counted in, from the widest to the narrowest.
 */
public enum ScopeKind {

	/** The whole node. */
	SYSTEM,

	/** Streams whose protocol is not agreed yet, go's transient scope. */
	TRANSIENT,

	/** One protocol, across all peers. */
	PROTOCOL,

	/** One peer, across its connections. */
	PEER,

	/** One connection. */
	CONNECTION,

	/** One stream. */
	STREAM;

	/**
	 * Returns the name used in metric tags.
	 * @return the lower-case name
	 */
	public String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

}
