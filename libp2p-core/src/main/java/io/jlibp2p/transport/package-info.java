/**
 * Transports and the connection upgrade: a raw connection (TCP, or in-memory for tests)
 * is secured with Noise and multiplexed with yamux, each agreed with multistream-select,
 * and becomes an authenticated {@link io.jlibp2p.transport.Connection} that opens and
 * accepts streams.
 */
@NullMarked
package io.jlibp2p.transport;

import org.jspecify.annotations.NullMarked;
