package io.jlibp2p.transport;

import java.util.List;

import io.jlibp2p.muxer.mplex.MplexSession;
import io.jlibp2p.muxer.yamux.YamuxSession;
import io.jlibp2p.security.noise.NoiseHandshakeHandler;

/**
 * The security protocols and muxers a connection can be upgraded with, and the checks
 * that a configuration names only those.
 */
public final class KnownProtocols {

	/** The security protocols: Noise. */
	public static final List<String> SECURITY = List.of(NoiseHandshakeHandler.PROTOCOL_ID);

	/** The muxers: yamux and mplex. */
	public static final List<String> MUXERS = List.of(YamuxSession.PROTOCOL_ID, MplexSession.PROTOCOL_ID);

	private KnownProtocols() {
	}

	/**
	 * Checks a preference list of security protocols.
	 * @param security the list
	 * @return the list, copied
	 * @throws IllegalArgumentException if it is empty or names an unknown protocol
	 */
	public static List<String> requireSecurity(List<String> security) {
		return requireKnown("security protocol", security, SECURITY);
	}

	/**
	 * Checks a preference list of muxers.
	 * @param muxers the list
	 * @return the list, copied
	 * @throws IllegalArgumentException if it is empty or names an unknown muxer
	 */
	public static List<String> requireMuxers(List<String> muxers) {
		return requireKnown("muxer", muxers, MUXERS);
	}

	private static List<String> requireKnown(String kind, List<String> named, List<String> known) {
		if (named.isEmpty()) {
			throw new IllegalArgumentException("at least one " + kind + " is needed; the known ones are " + known);
		}
		for (String protocol : named) {
			if (!known.contains(protocol)) {
				throw new IllegalArgumentException(
						"unknown " + kind + " " + protocol + "; the known ones are " + known);
			}
		}
		return List.copyOf(named);
	}

}
