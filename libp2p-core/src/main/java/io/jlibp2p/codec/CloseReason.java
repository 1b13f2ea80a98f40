package io.jlibp2p.codec;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.util.AttributeKey;
import org.jspecify.annotations.Nullable;

/**
 * Why a channel was closed, kept on the channel so that whoever watches its close future
 * (the swarm, reporting {@code ConnectionClosed}) can say why. The first reason given
 * wins.
 */
public final class CloseReason {

	private static final AttributeKey<String> REASON = AttributeKey.valueOf(CloseReason.class, "reason");

	private CloseReason() {
	}

	/**
	 * Records a reason and closes the channel.
	 * @param channel the channel
	 * @param reason why, for logs and events
	 * @return the close future
	 */
	public static ChannelFuture close(Channel channel, String reason) {
		channel.attr(REASON).setIfAbsent(reason);
		return channel.close();
	}

	/**
	 * Returns the reason recorded for a channel.
	 * @param channel the channel
	 * @return the first reason given, or {@code null} if it was closed without one (by
	 * the peer, or the network)
	 */
	public static @Nullable String of(Channel channel) {
		return channel.attr(REASON).get();
	}

}
