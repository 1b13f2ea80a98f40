package io.jlibp2p.protocol.pubsub;

/**
 * Whether messages carry their author and a signature.
 */
public enum SignaturePolicy {

	/**
	 * Every message carries {@code from}, {@code seqno} and a signature by {@code from}'s
	 * key; unsigned or badly signed messages are rejected. The default of go, js and
	 * rust.
	 */
	STRICT_SIGN,

	/**
	 * No message carries {@code from}, {@code seqno}, a signature or a key; messages that
	 * do are rejected. For networks whose messages are anonymous or signed inside the
	 * payload.
	 */
	STRICT_NO_SIGN

}
