package io.jlibp2p.security;

import io.netty.channel.ChannelHandlerContext;

/**
 * Told the outcome of a security handshake. {@link #secured} runs once the channel
 * encrypts and decrypts, before any bytes that followed the handshake are passed on.
 */
public interface SecurityListener {

	/**
	 * The handshake succeeded.
	 * @param ctx the context of the handler that now encrypts the channel
	 * @param session the authenticated session
	 */
	void secured(ChannelHandlerContext ctx, SecureSession session);

	/**
	 * The handshake failed; the channel is closed right after this call.
	 * @param ctx the handshake handler's context
	 * @param cause why
	 */
	void failed(ChannelHandlerContext ctx, HandshakeException cause);

}
