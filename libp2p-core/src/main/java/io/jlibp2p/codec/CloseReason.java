package io.jlibp2p.codec;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.util.AttributeKey;
import org.jspecify.annotations.Nullable;

/**
 * Why a channel was closed, kept on the channel so that whoever watches its close future
 * (the swarm, reporting {@code ConnectionClosed} and counting closes by cause) can say
 * why. The first reason given wins.
 *
 * @param cause the kind of reason, a small fixed set fit for metric tags
 * @param detail what happened, for logs and events
 */
public record CloseReason(Cause cause, String detail) {

	private static final AttributeKey<CloseReason> REASON = AttributeKey.valueOf(CloseReason.class, "reason");

	/** Kinds of reasons for closing a connection. */
	public enum Cause {

		/** The peer broke a protocol (muxer frames, negotiation). */
		PROTOCOL_ERROR,

		/** Encrypted data failed authentication. */
		DECRYPTION_FAILED,

		/** Nothing used the connection for the idle timeout. */
		IDLE,

		/** A connection limit was reached. */
		LIMIT,

		/**
		 * The connection manager closed it to bring the number of connections down to its
		 * low watermark.
		 */
		TRIMMED,

		/**
		 * This node asked for it (disconnect, a better connection won, the swarm
		 * stopping).
		 */
		LOCAL,

		/** The peer or the network closed it; no reason was recorded here. */
		REMOTE

	}

	/**
	 * Records a reason and closes the channel.
	 * @param channel the channel
	 * @param cause the kind of reason
	 * @param detail what happened
	 * @return the close future
	 */
	public static ChannelFuture close(Channel channel, Cause cause, String detail) {
		channel.attr(REASON).setIfAbsent(new CloseReason(cause, detail));
		return channel.close();
	}

	/**
	 * Returns the reason recorded for a channel.
	 * @param channel the channel
	 * @return the first reason given, or {@code null} if none was
	 */
	public static @Nullable CloseReason of(Channel channel) {
		return channel.attr(REASON).get();
	}

}
