package io.jlibp2p.protocol.reqresp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Requests counted by protocol, direction and outcome: running totals for meters.
 */
public final class RequestResponseMetrics {

	private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();

	void record(String protocol, Direction direction, Outcome outcome) {
		this.counts.computeIfAbsent(new Key(protocol, direction, outcome), (key) -> new LongAdder()).increment();
	}

	/**
	 * Returns a count.
	 * @param protocol the protocol
	 * @param direction requests this node sent, or answered
	 * @param outcome how they ended
	 * @return how many
	 */
	public long count(String protocol, Direction direction, Outcome outcome) {
		LongAdder count = this.counts.get(new Key(protocol, direction, outcome));
		return (count != null) ? count.sum() : 0;
	}

	private record Key(String protocol, Direction direction, Outcome outcome) {
	}

	/** Whose request it was. */
	public enum Direction {

		/** A peer's request, answered here. */
		INBOUND,

		/** This node's request to a peer. */
		OUTBOUND

	}

	/**
	 * How a request ended. Outbound failures have the names of
	 * {@link RequestResponseException.Reason}; inbound ones are
	 * {@link #TOO_MANY_REQUESTS} (refused over the per-peer limit),
	 * {@link #REQUEST_TOO_LARGE}, {@link #TIMEOUT}, {@link #UNREADABLE},
	 * {@link #HANDLER_FAILURE}, {@link #RESPONSE_TOO_LARGE} and {@link #REMOTE_FAILURE}
	 * (the peer broke off, or sent a second request on the stream).
	 */
	public enum Outcome {

		/** Answered. */
		SUCCESS,

		/** No response in time, or (inbound) no request and response in time. */
		TIMEOUT,

		/** See {@link RequestResponseException.Reason#UNSUPPORTED_PROTOCOL}. */
		UNSUPPORTED_PROTOCOL,

		/** See {@link RequestResponseException.Reason#DIAL_FAILURE}. */
		DIAL_FAILURE,

		/** A request over the size limit. */
		REQUEST_TOO_LARGE,

		/** A response over the size limit. */
		RESPONSE_TOO_LARGE,

		/** Over the per-peer limit of requests in progress. */
		TOO_MANY_REQUESTS,

		/** See {@link RequestResponseException.Reason#REMOTE_FAILURE}. */
		REMOTE_FAILURE,

		/**
		 * The handler could not decode the request ({@link UnreadableRequestException}).
		 */
		UNREADABLE,

		/** The handler failed. */
		HANDLER_FAILURE

	}

}
