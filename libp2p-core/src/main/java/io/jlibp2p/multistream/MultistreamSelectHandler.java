package io.jlibp2p.multistream;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.DecoderException;

import io.jlibp2p.codec.HandshakeDecoder;

/**
 * Negotiates a protocol with multistream-select 1.0, as dialer (proposing protocols in
 * order of preference) or listener (accepting the first proposal it supports), then
 * leaves the pipeline. Bytes that arrived after the agreement go on to the handlers the
 * {@link NegotiationListener} added.
 *
 * <p>
 * The dialer pipelines its header and first proposal in one write, so an agreement costs
 * one round trip. Both sides give up after a timeout (go uses 10 s), on malformed or
 * over-long messages and on a peer that does not start with the multistream header; the
 * channel is then closed. One instance per channel: not sharable.
 */
public final class MultistreamSelectHandler extends HandshakeDecoder<MultistreamException> {

	/** How long negotiation may take by default, as go-multistream allows. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * Proposals (and {@code ls}) a listener answers in one negotiation: a dialer offers a
	 * handful; one that proposes forever, perhaps without reading the answers, is cut off
	 * instead of making this side queue an {@code na} for each.
	 */
	public static final int MAX_PROPOSALS = 32;

	private final List<String> proposals;

	private final Set<String> supported;

	private final NegotiationListener listener;

	private boolean headerReceived;

	private int proposal;

	private int proposalsAnswered;

	private MultistreamSelectHandler(List<String> proposals, Set<String> supported, Duration timeout,
			NegotiationListener listener) {
		super(timeout);
		this.proposals = List.copyOf(proposals);
		this.supported = Set.copyOf(supported);
		this.listener = listener;
	}

	/**
	 * Creates the dialer side.
	 * @param proposals protocols in order of preference, at least one
	 * @param timeout how long the negotiation may take
	 * @param listener told the outcome
	 * @return the handler
	 */
	public static MultistreamSelectHandler dialer(List<String> proposals, Duration timeout,
			NegotiationListener listener) {
		if (proposals.isEmpty()) {
			throw new IllegalArgumentException("a dialer needs at least one protocol to propose");
		}
		return new MultistreamSelectHandler(proposals, Set.of(), timeout, listener);
	}

	/**
	 * Creates the listener side.
	 * @param supported the protocols to accept
	 * @param timeout how long the negotiation may take
	 * @param listener told the outcome
	 * @return the handler
	 */
	public static MultistreamSelectHandler listener(Set<String> supported, Duration timeout,
			NegotiationListener listener) {
		return new MultistreamSelectHandler(List.of(), supported, timeout, listener);
	}

	private boolean isDialer() {
		return !this.proposals.isEmpty();
	}

	@Override
	protected void started(ChannelHandlerContext ctx) {
		ctx.write(MultistreamMessages.encode(ctx.alloc(), MultistreamMessages.PROTOCOL_ID));
		if (isDialer()) {
			ctx.write(MultistreamMessages.encode(ctx.alloc(), this.proposals.get(0)));
		}
		ctx.flush();
	}

	@Override
	protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
		while (!isFinished()) {
			String message;
			try {
				message = MultistreamMessages.read(in);
			}
			catch (DecoderException ex) {
				fail(ctx, "malformed multistream message: " + ex.getMessage());
				return;
			}
			if (message == null) {
				return;
			}
			if (!this.headerReceived) {
				if (!message.equals(MultistreamMessages.PROTOCOL_ID)) {
					fail(ctx, "peer did not start with " + MultistreamMessages.PROTOCOL_ID + " but sent '"
							+ printable(message) + "'");
					return;
				}
				this.headerReceived = true;
			}
			else if (isDialer()) {
				onListenerReply(ctx, message);
			}
			else {
				onDialerProposal(ctx, message);
			}
		}
	}

	private void onListenerReply(ChannelHandlerContext ctx, String message) {
		String proposed = this.proposals.get(this.proposal);
		if (message.equals(proposed)) {
			succeed(ctx, proposed);
		}
		else if (message.equals(MultistreamMessages.NA)) {
			if (++this.proposal == this.proposals.size()) {
				fail(ctx, new UnsupportedProtocolException(this.proposals));
				return;
			}
			ctx.writeAndFlush(MultistreamMessages.encode(ctx.alloc(), this.proposals.get(this.proposal)));
		}
		else {
			fail(ctx, "peer answered '" + printable(message) + "' to the proposal of " + proposed);
		}
	}

	private void onDialerProposal(ChannelHandlerContext ctx, String message) {
		if (++this.proposalsAnswered > MAX_PROPOSALS) {
			fail(ctx, "peer made more than " + MAX_PROPOSALS + " proposals");
			return;
		}
		if (!ctx.channel().isWritable()) {
			// The answers pile up unread: a peer that does not read gets no more of them.
			fail(ctx, "peer does not read the answers to its proposals");
			return;
		}
		if (message.equals(MultistreamMessages.LS)) {
			ctx.writeAndFlush(MultistreamMessages.encodeList(ctx.alloc(), this.supported));
		}
		else if (this.supported.contains(message)) {
			ctx.writeAndFlush(MultistreamMessages.encode(ctx.alloc(), message));
			succeed(ctx, message);
		}
		else {
			ctx.writeAndFlush(MultistreamMessages.encode(ctx.alloc(), MultistreamMessages.NA));
		}
	}

	private void succeed(ChannelHandlerContext ctx, String protocol) {
		succeeded();
		this.listener.negotiated(ctx, protocol);
		ctx.pipeline().remove(this);
	}

	private void fail(ChannelHandlerContext ctx, String reason) {
		fail(ctx, new MultistreamException(reason));
	}

	@Override
	protected MultistreamException timedOut(Duration timeout) {
		return new MultistreamException("negotiation timed out after " + timeout.toMillis() + " ms");
	}

	@Override
	protected MultistreamException closedEarly() {
		return new MultistreamException("channel closed during negotiation");
	}

	@Override
	protected void failed(ChannelHandlerContext ctx, MultistreamException cause) {
		this.listener.failed(ctx, cause);
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
		if (event instanceof ChannelInputShutdownEvent) {
			// Nothing more will arrive, so no protocol can still be agreed.
			fail(ctx, "peer closed its side during negotiation");
		}
		super.userEventTriggered(ctx, event);
	}

	private static String printable(String message) {
		String shown = (message.length() > 64) ? message.substring(0, 64) + "…" : message;
		return shown.replaceAll("\\p{Cntrl}", "?");
	}

}
