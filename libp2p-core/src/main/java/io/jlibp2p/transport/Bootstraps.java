package io.jlibp2p.transport;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;

/**
 * What transports built on Netty bootstraps share: a channel initializer from a callback,
 * and a bind or connect future as a {@link CompletableFuture}.
 */
public final class Bootstraps {

	private Bootstraps() {
	}

	/**
	 * Adapts a callback to a channel initializer.
	 * @param initializer sets up each new channel's pipeline
	 * @return the initializer
	 */
	public static ChannelInitializer<Channel> initializer(Consumer<Channel> initializer) {
		return new ChannelInitializer<>() {

			@Override
			protected void initChannel(Channel channel) {
				initializer.accept(channel);
			}

		};
	}

	/**
	 * Adapts a Netty future to a {@link CompletableFuture}.
	 * @param future the connect or bind future
	 * @return the channel once the future succeeds
	 */
	public static CompletableFuture<Channel> completion(ChannelFuture future) {
		CompletableFuture<Channel> result = new CompletableFuture<>();
		future.addListener((done) -> {
			if (done.isSuccess()) {
				result.complete(future.channel());
			}
			else {
				result.completeExceptionally(done.cause());
			}
		});
		return result;
	}

}
