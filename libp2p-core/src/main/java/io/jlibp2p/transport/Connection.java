package io.jlibp2p.transport;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import org.jspecify.annotations.Nullable;

import io.jlibp2p.codec.CloseReason;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.multistream.MultistreamException;
import io.jlibp2p.multistream.MultistreamSelectHandler;
import io.jlibp2p.multistream.NegotiationListener;
import io.jlibp2p.muxer.StreamChannel;
import io.jlibp2p.muxer.StreamMuxer;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.resources.ResourceLimitException;
import io.jlibp2p.security.SecureSession;

/**
 * An authenticated, multiplexed connection to one peer. Opens streams for a protocol
 * ({@link #newStream}); streams the peer opens are served by the {@link StreamHandler}s
 * the connection was upgraded with.
 */
public final class Connection {

	private final Channel channel;

	private final SecureSession security;

	private final StreamMuxer muxer;

	private final Direction direction;

	private final Multiaddr remoteAddress;

	private final Duration negotiationTimeout;

	private final NetworkMetrics metrics;

	Connection(Channel channel, SecureSession security, StreamMuxer muxer, Direction direction, Multiaddr remoteAddress,
			Duration negotiationTimeout, NetworkMetrics metrics) {
		this.channel = channel;
		this.security = security;
		this.muxer = muxer;
		this.direction = direction;
		this.remoteAddress = remoteAddress;
		this.negotiationTimeout = negotiationTimeout;
		this.metrics = metrics;
	}

	/**
	 * Returns the authenticated remote peer.
	 * @return the PeerId proven in the security handshake
	 */
	public PeerId remotePeer() {
		return this.security.remotePeer();
	}

	/**
	 * Returns this node's PeerId.
	 * @return the local peer
	 */
	public PeerId localPeer() {
		return this.security.localPeer();
	}

	/**
	 * Returns the security session.
	 * @return the protocol and the remote key
	 */
	public SecureSession security() {
		return this.security;
	}

	/**
	 * Returns the muxer protocol.
	 * @return the protocol id, such as {@code /yamux/1.0.0}
	 */
	public String muxer() {
		return this.muxer.protocolId();
	}

	/**
	 * Returns which side dialed.
	 * @return the direction
	 */
	public Direction direction() {
		return this.direction;
	}

	/**
	 * Returns the remote address of the underlying connection.
	 * @return the address, without {@code /p2p/}
	 */
	public Multiaddr remoteAddress() {
		return this.remoteAddress;
	}

	/**
	 * Returns the connection's channel, for its event loop and close future.
	 * @return the channel
	 */
	public Channel channel() {
		return this.channel;
	}

	/**
	 * Returns whether the connection is open.
	 * @return {@code true} while open
	 */
	public boolean isOpen() {
		return this.channel.isActive();
	}

	/**
	 * Returns the number of streams open on this connection.
	 * @return the count
	 */
	public int streamCount() {
		return this.muxer.streamCount();
	}

	/**
	 * Returns the number of open streams that keep this connection from going idle.
	 * @return the count, without streams that ignore keep-alive (ping's)
	 */
	public int keepAliveStreamCount() {
		return this.muxer.keepAliveStreamCount();
	}

	/**
	 * Opens a stream and agrees on a protocol with multistream-select.
	 * @param protocols the protocols to propose, in order of preference
	 * @param handler sets up the stream once a protocol is agreed, before its data flows
	 * @return the stream, with its protocol set; fails with {@link MultistreamException}
	 * if the peer supports none, or with {@link io.jlibp2p.muxer.MuxerException} if no
	 * stream can be opened
	 */
	public CompletableFuture<StreamChannel> newStream(List<String> protocols, StreamHandler handler) {
		CompletableFuture<StreamChannel> result = new CompletableFuture<>();
		this.muxer.openStream((stream) -> stream.pipeline()
			.addLast(MultistreamSelectHandler.dialer(protocols, this.negotiationTimeout, new NegotiationListener() {

				@Override
				public void negotiated(ChannelHandlerContext ctx, String protocol) {
					try {
						stream.protocol(protocol);
					}
					catch (ResourceLimitException ex) {
						stream.reset();
						result.completeExceptionally(ex);
						return;
					}
					Connection.this.metrics.streamOpened(protocol);
					handler.initialize(Connection.this, stream);
					result.complete(stream);
				}

				@Override
				public void failed(ChannelHandlerContext ctx, MultistreamException cause) {
					result.completeExceptionally(cause);
				}

			}))).addListener((opened) -> {
				if (!opened.isSuccess()) {
					result.completeExceptionally(opened.cause());
				}
			});
		return result;
	}

	/**
	 * Closes the connection and all its streams.
	 * @return the close future
	 */
	public ChannelFuture close() {
		return close(CloseReason.Cause.LOCAL, "closed by this node");
	}

	/**
	 * Closes the connection and all its streams, saying why in the
	 * {@code ConnectionClosed} event.
	 * @param cause the kind of reason
	 * @param detail what happened
	 * @return the close future
	 */
	public ChannelFuture close(CloseReason.Cause cause, String detail) {
		return CloseReason.close(this.channel, cause, detail);
	}

	/**
	 * Returns why the connection closed.
	 * @return the reason this node gave, or {@code null} while open or when the peer or
	 * the network closed it
	 */
	public @Nullable CloseReason closeReason() {
		return CloseReason.of(this.channel);
	}

	@Override
	public String toString() {
		return "Connection[" + this.direction + " " + remotePeer() + " at " + this.remoteAddress + "]";
	}

}
