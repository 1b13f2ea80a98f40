package io.jlibp2p.swarm;

import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import io.netty.channel.ConnectTimeoutException;

import io.jlibp2p.multistream.MultistreamException;
import io.jlibp2p.security.HandshakeException;
import io.jlibp2p.security.PeerMismatchException;
import io.jlibp2p.security.pnet.PnetException;
import io.jlibp2p.transport.GatedException;
import io.jlibp2p.transport.NetworkMetrics.UpgradeFailure;

/**
 * Sorts dial and upgrade failures into the bounded stages that metrics count, and finds
 * the message worth reporting.
 */
final class Failures {

	private Failures() {
	}

	static UpgradeFailure classify(Throwable failure) {
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		if (cause instanceof GatedException) {
			return UpgradeFailure.GATED;
		}
		if (cause instanceof PnetException) {
			return UpgradeFailure.PNET;
		}
		if (cause instanceof PeerMismatchException) {
			return UpgradeFailure.PEER_MISMATCH;
		}
		if (cause instanceof HandshakeException) {
			return cause.getMessage() != null && cause.getMessage().contains("timed out") ? UpgradeFailure.TIMEOUT
					: UpgradeFailure.HANDSHAKE;
		}
		if (cause instanceof MultistreamException) {
			return cause.getMessage() != null && cause.getMessage().contains("timed out") ? UpgradeFailure.TIMEOUT
					: UpgradeFailure.NEGOTIATION;
		}
		if (cause instanceof TimeoutException || cause instanceof ConnectTimeoutException) {
			return UpgradeFailure.TIMEOUT;
		}
		if (cause instanceof SwarmException) {
			return UpgradeFailure.LIMIT;
		}
		return UpgradeFailure.TRANSPORT;
	}

	static String rootMessage(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return String.valueOf(cause.getMessage());
	}

}
