package io.jlibp2p.transport.tcp;

import io.netty.channel.Channel;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Netty's epoll transport, when its jar is on the class path and its native library
 * loads. Kept apart so that the epoll classes are touched only after the check.
 */
record NativeTransport(IoHandlerFactory ioHandlerFactory, Class<? extends Channel> channelType,
		Class<? extends ServerChannel> serverChannelType) {

	private static final Logger logger = LoggerFactory.getLogger(NativeTransport.class);

	static @Nullable NativeTransport load() {
		try {
			Class.forName("io.netty.channel.epoll.Epoll");
		}
		catch (ClassNotFoundException ex) {
			return null;
		}
		if (!io.netty.channel.epoll.Epoll.isAvailable()) {
			logger.debug("epoll unavailable, using NIO", io.netty.channel.epoll.Epoll.unavailabilityCause());
			return null;
		}
		return new NativeTransport(io.netty.channel.epoll.EpollIoHandler.newFactory(),
				io.netty.channel.epoll.EpollSocketChannel.class, io.netty.channel.epoll.EpollServerSocketChannel.class);
	}

}
