/**
 * libp2p protocols on top of the swarm. Each has the same three parts: the wire format
 * ({@code *Protocol} or {@code *Messages}), a per-stream or per-connection handler, and
 * the behaviour named after the protocol, which holds the global state and the public
 * API.
 */
@NullMarked
package io.jlibp2p.protocol;

import org.jspecify.annotations.NullMarked;
