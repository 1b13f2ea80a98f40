package io.jlibp2p.protocol.mdns;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mDNS UDP socket: bound to the mDNS port with address reuse, joined to 224.0.0.251
 * on one IPv4 interface, on an event loop of its own. Packets are parsed there; the ones
 * that do not parse are counted and dropped.
 */
final class MdnsSocket {

	private static final Logger logger = LoggerFactory.getLogger(MdnsSocket.class);

	private static final InetAddress GROUP = inetAddress(new byte[] { (byte) 224, 0, 0, (byte) 251 });

	private final NetworkInterface networkInterface;

	private final InetSocketAddress groupAddress;

	private final EventLoopGroup loop;

	private final DatagramChannel channel;

	private MdnsSocket(NetworkInterface networkInterface, int port, EventLoopGroup loop, DatagramChannel channel) {
		this.networkInterface = networkInterface;
		this.groupAddress = new InetSocketAddress(GROUP, port);
		this.loop = loop;
		this.channel = channel;
	}

	/**
	 * Opens the socket.
	 * @param config the interface and port
	 * @param received takes each parsed message, on the socket's event loop
	 * @param malformed counts packets that do not parse
	 * @return the socket once it joined the group; fails with the reason otherwise
	 */
	static CompletableFuture<MdnsSocket> open(MdnsConfig config, Consumer<DnsMessage> received, AtomicLong malformed) {
		NetworkInterface chosen;
		try {
			chosen = chooseInterface(config.networkInterface());
		}
		catch (SocketException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		CompletableFuture<MdnsSocket> opened = new CompletableFuture<>();
		EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
		new Bootstrap().group(loop)
			.channelFactory(() -> new NioDatagramChannel(SocketProtocolFamily.INET))
			.option(ChannelOption.SO_REUSEADDR, true)
			.option(ChannelOption.IP_MULTICAST_IF, chosen)
			.option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(DnsMessage.MAX_PACKET))
			.handler(new PacketHandler(received, malformed))
			.bind(config.port())
			.addListener((bound) -> {
				if (!bound.isSuccess()) {
					fail(opened, loop, "cannot bind UDP port " + config.port() + ": " + bound.cause().getMessage());
					return;
				}
				DatagramChannel datagrams = (DatagramChannel) ((ChannelFuture) bound).channel();
				MdnsSocket socket = new MdnsSocket(chosen, config.port(), loop, datagrams);
				datagrams.joinGroup(socket.groupAddress, chosen).addListener((joined) -> {
					if (joined.isSuccess()) {
						opened.complete(socket);
					}
					else {
						datagrams.close();
						fail(opened, loop,
								"cannot join the group on " + chosen.getName() + ": " + joined.cause().getMessage());
					}
				});
			});
		return opened;
	}

	private static void fail(CompletableFuture<MdnsSocket> opened, EventLoopGroup loop, String reason) {
		loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
		opened.completeExceptionally(new SocketException(reason));
	}

	NetworkInterface networkInterface() {
		return this.networkInterface;
	}

	/**
	 * Returns the addresses of the socket's interface.
	 * @return the addresses
	 */
	List<InetAddress> localAddresses() {
		return Collections.list(this.networkInterface.getInetAddresses());
	}

	boolean isOpen() {
		return this.channel.isActive();
	}

	/**
	 * Sends a message to the group.
	 * @param message the message
	 */
	void send(DnsMessage message) {
		if (this.channel.isActive()) {
			this.channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(message.encode()), this.groupAddress));
		}
	}

	void close() {
		this.channel.close();
		this.loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
	}

	private static NetworkInterface chooseInterface(@Nullable String name) throws SocketException {
		if (name != null) {
			NetworkInterface named = NetworkInterface.getByName(name);
			if (named == null || !named.isUp()) {
				throw new SocketException("network interface " + name + " is missing or down");
			}
			return named;
		}
		NetworkInterface loopback = null;
		for (NetworkInterface candidate : Collections.list(NetworkInterface.getNetworkInterfaces())) {
			if (!candidate.isUp() || !hasIpv4(candidate)) {
				continue;
			}
			if (candidate.isLoopback()) {
				loopback = candidate;
			}
			else if (candidate.supportsMulticast()) {
				return candidate;
			}
		}
		if (loopback == null) {
			throw new SocketException("no network interface with an IPv4 address is up");
		}
		return loopback;
	}

	private static boolean hasIpv4(NetworkInterface candidate) {
		return Collections.list(candidate.getInetAddresses()).stream().anyMatch(Inet4Address.class::isInstance);
	}

	static InetAddress inetAddress(byte[] bytes) {
		try {
			return InetAddress.getByAddress(bytes);
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("not an IP address of 4 or 16 bytes", ex);
		}
	}

	private static final class PacketHandler extends SimpleChannelInboundHandler<DatagramPacket> {

		private final Consumer<DnsMessage> received;

		private final AtomicLong malformed;

		PacketHandler(Consumer<DnsMessage> received, AtomicLong malformed) {
			this.received = received;
			this.malformed = malformed;
		}

		@Override
		protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
			DnsMessage message;
			try {
				message = DnsMessage.decode(ByteBufUtil.getBytes(packet.content()));
			}
			catch (DnsException ex) {
				this.malformed.incrementAndGet();
				logger.debug("malformed mDNS packet from {}: {}", packet.sender(), ex.getMessage());
				return;
			}
			this.received.accept(message);
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			logger.debug("mDNS socket error: {}", cause.getMessage());
		}

	}

}
