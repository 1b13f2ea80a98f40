package io.jlibp2p.multistream;

import java.util.List;

/**
 * The peer answered {@code na} to every protocol proposed: it does not serve them, or has
 * them switched off.
 */
public class UnsupportedProtocolException extends MultistreamException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param proposals the protocols proposed
	 */
	public UnsupportedProtocolException(List<String> proposals) {
		super("peer supports none of " + proposals);
	}

}
