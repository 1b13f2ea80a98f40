package io.jlibp2p.transport.memory;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;

import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.multiformats.MultiaddrComponent;
import io.jlibp2p.multiformats.MultiaddrException;
import io.jlibp2p.multiformats.Protocol;
import io.jlibp2p.transport.Bootstraps;
import io.jlibp2p.transport.Transport;

/**
 * Raw connections inside one JVM for {@code /memory/<n>} addresses, on Netty's local
 * channels. A listener on {@code /memory/0} gets a fresh slot. Everything above the raw
 * connection (Noise, muxers, protocols) is the same as over TCP.
 */
public final class MemoryTransport implements Transport {

	private static final String PREFIX = "jlibp2p-memory-";

	private static final AtomicLong NEXT_SLOT = new AtomicLong(1_000_000);

	private final EventLoopGroup group;

	private final boolean ownsGroup;

	/**
	 * Creates the transport with its own event loops.
	 * @param threads the number of event-loop threads, 0 for Netty's default
	 */
	public MemoryTransport(int threads) {
		this(newEventLoopGroup(threads), true);
	}

	private MemoryTransport(EventLoopGroup group, boolean ownsGroup) {
		this.group = group;
		this.ownsGroup = ownsGroup;
	}

	/**
	 * Creates a transport on event loops that its creator owns and shuts down, so many
	 * swarms of a simulation share a few threads.
	 * @param group event loops made with {@link #newEventLoopGroup(int)}
	 * @return the transport; closing it leaves the group running
	 */
	public static MemoryTransport on(EventLoopGroup group) {
		return new MemoryTransport(group, false);
	}

	/**
	 * Creates event loops for memory connections.
	 * @param threads the number of threads, 0 for Netty's default
	 * @return the group
	 */
	public static EventLoopGroup newEventLoopGroup(int threads) {
		return new MultiThreadIoEventLoopGroup(threads, LocalIoHandler.newFactory());
	}

	@Override
	public boolean handles(Multiaddr address) {
		List<MultiaddrComponent> parts = address.withoutPeerId().components();
		return parts.size() == 1 && parts.get(0).protocol() == Protocol.MEMORY;
	}

	@Override
	public String ioType() {
		return "memory";
	}

	@Override
	public CompletableFuture<Channel> connect(Multiaddr address, Duration timeout, Consumer<Channel> initializer) {
		Bootstrap bootstrap = new Bootstrap().group(this.group)
			.channel(LocalChannel.class)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(timeout.toMillis(), Integer.MAX_VALUE))
			.handler(Bootstraps.initializer(initializer));
		return Bootstraps.completion(bootstrap.connect(localAddress(address, false)));
	}

	@Override
	public CompletableFuture<Channel> bind(Multiaddr address, Consumer<Channel> initializer) {
		ServerBootstrap bootstrap = new ServerBootstrap().group(this.group)
			.channel(LocalServerChannel.class)
			.childHandler(Bootstraps.initializer(initializer));
		return Bootstraps.completion(bootstrap.bind(localAddress(address, true)));
	}

	private LocalAddress localAddress(Multiaddr address, boolean listening) {
		if (!handles(address)) {
			throw new MultiaddrException("memory transport cannot use " + address);
		}
		long slot = Long.parseUnsignedLong(address.withoutPeerId().components().get(0).valueString());
		if (slot == 0 && listening) {
			slot = NEXT_SLOT.getAndIncrement();
		}
		return new LocalAddress(PREFIX + Long.toUnsignedString(slot));
	}

	@Override
	public Multiaddr toMultiaddr(SocketAddress address) {
		String id = ((LocalAddress) address).id();
		// A connecting channel gets an ephemeral local id; it is no dialable slot.
		String slot = id.startsWith(PREFIX) ? id.substring(PREFIX.length()) : "0";
		return Multiaddr.of(List.of(MultiaddrComponent.of(Protocol.MEMORY, slot)));
	}

	@Override
	public void close() {
		if (this.ownsGroup) {
			this.group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
		}
	}

}
