package io.jlibp2p.protocol.mdns;

/**
 * A DNS packet that breaks the format or this node's limits. Unchecked, like the
 * multiformat parsers' exceptions.
 */
public final class DnsException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message what is wrong with the packet
	 */
	public DnsException(String message) {
		super(message);
	}

}
