package io.jlibp2p.multistream;

import io.netty.channel.ChannelHandlerContext;

/**
 * Told the outcome of a negotiation. {@link #negotiated} runs before the negotiating
 * handler leaves the pipeline, so handlers it adds after {@code ctx} receive any bytes
 * that followed the agreement.
 */
public interface NegotiationListener {

	/**
	 * The peers agreed on a protocol.
	 * @param ctx the negotiating handler's context
	 * @param protocol the protocol id
	 */
	void negotiated(ChannelHandlerContext ctx, String protocol);

	/**
	 * Negotiation failed; the channel is closed right after this call.
	 * @param ctx the negotiating handler's context
	 * @param cause why
	 */
	void failed(ChannelHandlerContext ctx, MultistreamException cause);

}
