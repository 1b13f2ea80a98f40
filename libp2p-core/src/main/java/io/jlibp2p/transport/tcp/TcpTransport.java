package io.jlibp2p.transport.tcp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.multiformats.MultiaddrComponent;
import io.jlibp2p.multiformats.MultiaddrException;
import io.jlibp2p.multiformats.Protocol;
import io.jlibp2p.transport.Bootstraps;
import io.jlibp2p.transport.Transport;

/**
 * TCP connections for {@code /ip4/…/tcp/…} and {@code /ip6/…/tcp/…} addresses. Owns its
 * event loops: epoll when Netty's native library loads on this machine, NIO otherwise.
 */
public final class TcpTransport implements Transport {

	private final EventLoopGroup group;

	private final Class<? extends Channel> channelType;

	private final Class<? extends ServerChannel> serverChannelType;

	/**
	 * Creates the transport with its own event loops.
	 * @param threads the number of event-loop threads, 0 for Netty's default (twice the
	 * cores)
	 */
	public TcpTransport(int threads) {
		NativeTransport epoll = NativeTransport.load();
		IoHandlerFactory factory = (epoll != null) ? epoll.ioHandlerFactory() : NioIoHandler.newFactory();
		this.group = new MultiThreadIoEventLoopGroup(threads, factory);
		this.channelType = (epoll != null) ? epoll.channelType() : NioSocketChannel.class;
		this.serverChannelType = (epoll != null) ? epoll.serverChannelType() : NioServerSocketChannel.class;
	}

	/**
	 * Returns whether the transport can dial or listen on an address.
	 * @param address the address, with or without {@code /p2p/}
	 * @return {@code true} for IP and TCP port, optionally followed by {@code /p2p/}
	 */
	@Override
	public boolean handles(Multiaddr address) {
		return isTcp(address);
	}

	/**
	 * Returns whether an address is IP and TCP, optionally followed by {@code /p2p/}.
	 * @param address the address
	 * @return {@code true} for TCP addresses
	 */
	public static boolean isTcp(Multiaddr address) {
		List<MultiaddrComponent> parts = address.withoutPeerId().components();
		return parts.size() == 2 && (parts.get(0).protocol() == Protocol.IP4 || parts.get(0).protocol() == Protocol.IP6)
				&& parts.get(1).protocol() == Protocol.TCP;
	}

	/**
	 * Returns the name of the I/O implementation in use.
	 * @return {@code epoll} or {@code nio}
	 */
	@Override
	public String ioType() {
		return (this.channelType == NioSocketChannel.class) ? "nio" : "epoll";
	}

	/**
	 * Connects.
	 * @param address the address
	 * @param timeout the connect timeout
	 * @param initializer sets up the new channel's pipeline before it connects
	 * @return the connected channel
	 */
	@Override
	public CompletableFuture<Channel> connect(Multiaddr address, Duration timeout, Consumer<Channel> initializer) {
		Bootstrap bootstrap = new Bootstrap().group(this.group)
			.channel(this.channelType)
			.option(ChannelOption.TCP_NODELAY, true)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(timeout.toMillis(), Integer.MAX_VALUE))
			.handler(Bootstraps.initializer(initializer));
		return Bootstraps.completion(bootstrap.connect(toSocketAddress(address)));
	}

	/**
	 * Listens.
	 * @param address the address; port 0 picks a free port
	 * @param initializer sets up each accepted channel's pipeline
	 * @return the listening channel
	 */
	@Override
	public CompletableFuture<Channel> bind(Multiaddr address, Consumer<Channel> initializer) {
		ServerBootstrap bootstrap = new ServerBootstrap().group(this.group)
			.channel(this.serverChannelType)
			.childOption(ChannelOption.TCP_NODELAY, true)
			.childHandler(Bootstraps.initializer(initializer));
		return Bootstraps.completion(bootstrap.bind(toSocketAddress(address)));
	}

	/**
	 * Converts an IP and TCP multiaddr to a socket address without name resolution.
	 * @param address the address, with or without {@code /p2p/}
	 * @return the socket address
	 * @throws MultiaddrException if the address is not IP and TCP
	 */
	public static InetSocketAddress toSocketAddress(Multiaddr address) {
		if (!isTcp(address)) {
			throw new MultiaddrException("TCP transport cannot use " + address);
		}
		List<MultiaddrComponent> parts = address.withoutPeerId().components();
		try {
			InetAddress ip = InetAddress.getByAddress(parts.get(0).value());
			return new InetSocketAddress(ip, Integer.parseInt(parts.get(1).valueString()));
		}
		catch (UnknownHostException ex) {
			throw new MultiaddrException("invalid IP address in " + address, ex);
		}
	}

	/**
	 * Returns the bound address in the family that was asked for: the JDK binds
	 * {@code 0.0.0.0} as a dual-stack socket that reports itself as {@code ::}.
	 */
	@Override
	public Multiaddr listenAddress(Multiaddr requested, Channel listener) {
		InetSocketAddress bound = (InetSocketAddress) listener.localAddress();
		if (requested.has(Protocol.IP4) && bound.getAddress().isAnyLocalAddress()) {
			return multiaddr(new InetSocketAddress(toSocketAddress(requested).getAddress(), bound.getPort()));
		}
		return multiaddr(bound);
	}

	@Override
	public Multiaddr toMultiaddr(SocketAddress socketAddress) {
		return multiaddr((InetSocketAddress) socketAddress);
	}

	/**
	 * Converts an IP socket address to a multiaddr.
	 * @param address the socket address
	 * @return {@code /ip4/…/tcp/…} or {@code /ip6/…/tcp/…}
	 */
	public static Multiaddr multiaddr(InetSocketAddress address) {
		byte[] ip = address.getAddress().getAddress();
		Protocol protocol = (ip.length == 4) ? Protocol.IP4 : Protocol.IP6;
		return Multiaddr.of(List.of(MultiaddrComponent.ofBytes(protocol, ip),
				MultiaddrComponent.of(Protocol.TCP, Integer.toString(address.getPort()))));
	}

	@Override
	public void close() {
		this.group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
	}

}
