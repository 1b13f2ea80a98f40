/**
 * An in-memory transport on Netty's local channels: {@code /memory/<n>} addresses within
 * one JVM, for tests and simulations that need the whole stack without sockets.
 */
@NullMarked
package io.jlibp2p.transport.memory;

import org.jspecify.annotations.NullMarked;
