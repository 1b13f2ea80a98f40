package io.jlibp2p.multistream;

/**
 * Negotiation failed: the peer sent something that is not multistream-select, supports
 * none of the proposed protocols, or did not answer in time. The message says which.
 */
public class MultistreamException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public MultistreamException(String message) {
		super(message);
	}

}
