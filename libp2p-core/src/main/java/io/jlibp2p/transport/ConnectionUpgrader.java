package io.jlibp2p.transport;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.multistream.MultistreamException;
import io.jlibp2p.multistream.MultistreamSelectHandler;
import io.jlibp2p.multistream.NegotiationListener;
import io.jlibp2p.muxer.StreamChannel;
import io.jlibp2p.muxer.StreamFailedEvent;
import io.jlibp2p.muxer.StreamMuxer;
import io.jlibp2p.muxer.mplex.MplexSession;
import io.jlibp2p.muxer.yamux.YamuxSession;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.resources.ConnectionScope;
import io.jlibp2p.resources.ResourceLimitException;
import io.jlibp2p.resources.ResourceManager;
import io.jlibp2p.security.HandshakeException;
import io.jlibp2p.security.SecureSession;
import io.jlibp2p.security.SecurityListener;
import io.jlibp2p.security.noise.NoiseHandshakeHandler;
import io.jlibp2p.security.pnet.PnetHandler;
import io.jlibp2p.security.pnet.PreSharedKey;

/**
 * Turns a raw connection into a {@link Connection}: multistream-select agrees on Noise,
 * Noise authenticates the peer, multistream-select agrees on a muxer from the preference
 * list (yamux, mplex), and the muxer multiplexes. Each step is a handler that leaves the
 * pipeline when done, handing on any bytes that followed it. Streams the peer opens
 * negotiate against the {@link StreamHandlers}.
 */
public final class ConnectionUpgrader {

	private static final Logger logger = LoggerFactory.getLogger(ConnectionUpgrader.class);

	private final UpgradeConfig config;

	private final StreamHandlers handlers;

	private final NetworkMetrics metrics;

	private final ConnectionGater gater;

	private final ResourceManager resources;

	/**
	 * Creates an upgrader.
	 * @param config identity, timeouts and muxer limits
	 * @param handlers the protocols served on inbound streams
	 * @param metrics where to count connections and streams
	 * @param gater asked once the security handshake proved the peer's identity
	 * @param resources where each connection's streams are counted and limited
	 */
	public ConnectionUpgrader(UpgradeConfig config, StreamHandlers handlers, NetworkMetrics metrics,
			ConnectionGater gater, ResourceManager resources) {
		this.config = config;
		this.handlers = handlers;
		this.metrics = metrics;
		this.gater = gater;
		this.resources = resources;
	}

	/**
	 * Starts upgrading a raw, active or activating channel.
	 * @param channel the raw connection
	 * @param direction whether this side dialed
	 * @param remoteAddress the remote address, for the {@link Connection}
	 * @param expectedPeer the peer a dialer expects, or {@code null}
	 * @return the connection, or the failure of whichever step failed
	 */
	public CompletableFuture<Connection> upgrade(Channel channel, Direction direction, Multiaddr remoteAddress,
			@Nullable PeerId expectedPeer) {
		CompletableFuture<Connection> result = new CompletableFuture<>();
		boolean dialer = direction == Direction.OUTBOUND;
		List<String> security = this.config.security();
		channel.pipeline().addLast(ConnectionErrorHandler.NAME, new ConnectionErrorHandler(this.metrics));
		PreSharedKey privateNetwork = this.config.privateNetwork();
		if (privateNetwork != null) {
			channel.pipeline()
				.addBefore(ConnectionErrorHandler.NAME, null,
						new PnetHandler(privateNetwork, this.config.handshakeTimeout(), result::completeExceptionally));
		}
		channel.pipeline()
			.addBefore(ConnectionErrorHandler.NAME, null,
					negotiation(dialer, security, result,
							(ctx, protocol) -> ctx.pipeline()
								.addAfter(ctx.name(), null,
										new NoiseHandshakeHandler(this.config.identity(), dialer, expectedPeer,
												this.config.handshakeTimeout(),
												secured(dialer, direction, remoteAddress, result)))));
		return result;
	}

	/**
	 * Creates the muxer agreed on; negotiation only agrees on one of the configured ids,
	 * which {@link KnownProtocols} checked.
	 */
	private StreamMuxer muxer(String protocol, boolean dialer, Consumer<StreamChannel> inbound,
			ConnectionScope resources) {
		if (protocol.equals(YamuxSession.PROTOCOL_ID)) {
			return new YamuxSession(dialer, this.config.yamux(), inbound, resources);
		}
		if (protocol.equals(MplexSession.PROTOCOL_ID)) {
			return new MplexSession(this.config.mplex(), inbound, resources);
		}
		throw new IllegalStateException("no muxer for " + protocol);
	}

	private SecurityListener secured(boolean dialer, Direction direction, Multiaddr remoteAddress,
			CompletableFuture<Connection> result) {
		return new SecurityListener() {

			@Override
			public void secured(ChannelHandlerContext ctx, SecureSession session) {
				if (!ConnectionUpgrader.this.gater.allowSecured(session.remotePeer(), direction, remoteAddress)) {
					ConnectionUpgrader.this.metrics.gaterRefused(ConnectionGater.Checkpoint.SECURED);
					result.completeExceptionally(
							new GatedException(ConnectionGater.Checkpoint.SECURED, session.remotePeer()));
					ctx.close();
					return;
				}
				List<String> muxers = ConnectionUpgrader.this.config.muxers();
				ctx.pipeline().addAfter(ctx.name(), null, negotiation(dialer, muxers, result, (muxerCtx, protocol) -> {
					Connection[] connection = new Connection[1];
					Consumer<StreamChannel> inbound = (stream) -> serveInbound(connection[0], stream);
					StreamMuxer muxer = muxer(protocol, dialer, inbound,
							ConnectionUpgrader.this.resources.openConnection(session.remotePeer(), remoteAddress));
					muxerCtx.pipeline().addAfter(muxerCtx.name(), null, (ChannelHandler) muxer);
					connection[0] = new Connection(muxerCtx.channel(), session, muxer, direction, remoteAddress,
							ConnectionUpgrader.this.config.negotiationTimeout(), ConnectionUpgrader.this.metrics);
					ConnectionUpgrader.this.metrics.connectionOpened(direction);
					result.complete(connection[0]);
				}));
			}

			@Override
			public void failed(ChannelHandlerContext ctx, HandshakeException cause) {
				result.completeExceptionally(cause);
			}

		};
	}

	private void serveInbound(Connection connection, StreamChannel stream) {
		Set<String> protocols = this.handlers.protocols();
		stream.pipeline()
			.addLast(MultistreamSelectHandler.listener(protocols, this.config.negotiationTimeout(),
					new NegotiationListener() {

						@Override
						public void negotiated(ChannelHandlerContext ctx, String protocol) {
							StreamHandler handler = ConnectionUpgrader.this.handlers.handler(protocol);
							if (handler == null) {
								// Unregistered between offer and agreement: nothing can
								// serve it.
								stream.reset();
								return;
							}
							try {
								stream.protocol(protocol);
							}
							catch (ResourceLimitException ex) {
								stream.fail(StreamFailedEvent.Cause.LIMIT, ex.getMessage());
								return;
							}
							ConnectionUpgrader.this.metrics.streamOpened(protocol);
							handler.initialize(connection, stream);
						}

						@Override
						public void failed(ChannelHandlerContext ctx, MultistreamException cause) {
							ConnectionUpgrader.this.metrics.streamRefused();
							logger.debug("inbound stream from {} not negotiated: {}", connection.remotePeer(),
									cause.getMessage());
						}

					}));
	}

	private MultistreamSelectHandler negotiation(boolean dialer, List<String> protocols,
			CompletableFuture<Connection> result, Step next) {
		NegotiationListener listener = new NegotiationListener() {

			@Override
			public void negotiated(ChannelHandlerContext ctx, String protocol) {
				next.run(ctx, protocol);
			}

			@Override
			public void failed(ChannelHandlerContext ctx, MultistreamException cause) {
				result.completeExceptionally(cause);
			}

		};
		return dialer ? MultistreamSelectHandler.dialer(protocols, this.config.negotiationTimeout(), listener)
				: MultistreamSelectHandler.listener(Set.copyOf(protocols), this.config.negotiationTimeout(), listener);
	}

	@FunctionalInterface
	private interface Step {

		void run(ChannelHandlerContext ctx, String protocol);

	}

}
