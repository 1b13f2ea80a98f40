package io.jlibp2p.spring.autoconfigure.reqresp;

/**
 * Registers the meters of a request-response protocol once it is served or used.
 */
@FunctionalInterface
public interface ProtocolMeters {

	/** Registers nothing. */
	ProtocolMeters NONE = (protocol) -> {
	};

	/**
	 * Makes sure a protocol's meters exist.
	 * @param protocol the protocol id
	 */
	void seen(String protocol);

}
