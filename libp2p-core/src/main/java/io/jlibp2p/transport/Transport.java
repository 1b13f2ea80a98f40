package io.jlibp2p.transport;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import io.netty.channel.Channel;

import io.jlibp2p.multiformats.Multiaddr;

/**
 * A way to carry raw connections: TCP, or in-memory for tests. A transport owns its event
 * loops, connects and listens on the addresses it {@linkplain #handles handles}, and
 * converts addresses between multiaddrs and socket addresses. The swarm upgrades what it
 * produces.
 */
public interface Transport extends AutoCloseable {

	/**
	 * Returns whether this transport can dial or listen on an address.
	 * @param address the address, with or without {@code /p2p/}
	 * @return {@code true} if it can
	 */
	boolean handles(Multiaddr address);

	/**
	 * Connects.
	 * @param address the address
	 * @param timeout the connect timeout
	 * @param initializer sets up the new channel's pipeline before it connects
	 * @return the connected channel
	 */
	CompletableFuture<Channel> connect(Multiaddr address, Duration timeout, Consumer<Channel> initializer);

	/**
	 * Listens.
	 * @param address the address; port or slot 0 picks a free one
	 * @param initializer sets up each accepted channel's pipeline
	 * @return the listening channel
	 */
	CompletableFuture<Channel> bind(Multiaddr address, Consumer<Channel> initializer);

	/**
	 * Converts one of this transport's socket addresses to a multiaddr.
	 * @param address the socket address of a channel it made
	 * @return the multiaddr
	 */
	Multiaddr toMultiaddr(SocketAddress address);

	/**
	 * Returns the address a listener is reachable at.
	 * @param requested the address it was asked to listen on
	 * @param listener the bound channel
	 * @return the bound address as a multiaddr
	 */
	default Multiaddr listenAddress(Multiaddr requested, Channel listener) {
		return toMultiaddr(listener.localAddress());
	}

	/**
	 * Returns the name of the I/O implementation.
	 * @return such as {@code epoll}, {@code nio} or {@code memory}
	 */
	String ioType();

	/** Closes the transport's event loops. */
	@Override
	void close();

}
