/**
 * Stream multiplexing: many independent streams over one secured connection. Each stream
 * is a Netty child {@link io.jlibp2p.muxer.StreamChannel} on its connection's event loop,
 * so protocol handlers are ordinary Netty handlers. Muxers live in {@code .yamux} (and
 * {@code .mplex}).
 */
@NullMarked
package io.jlibp2p.muxer;

import org.jspecify.annotations.NullMarked;
