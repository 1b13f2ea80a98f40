/**
 * The resource manager: how many streams and how much memory each part of the node may
 * hold, in scopes as go-libp2p's resource manager has them. A stream counts against its
 * peer, its protocol (or the transient scope while it is being negotiated), its
 * connection and the system; buffers a protocol holds for a stream, and yamux windows
 * beyond the spec's initial 256 KiB, reserve memory along the same chain. Connections are
 * limited by the swarm's pool ({@code SwarmConfig.Limits} and {@code InboundLimits}),
 * which plays the connection part of go's system, transient and peer scopes.
 */
@NullMarked
package io.jlibp2p.resources;

import org.jspecify.annotations.NullMarked;
