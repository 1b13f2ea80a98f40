/**
 * Ping ({@code /ipfs/ping/1.0.0}): 32 random bytes echoed back, to measure round trips
 * and check connections; it never keeps a connection alive by itself.
 *
 * @see <a href="https://github.com/libp2p/specs/blob/master/ping/ping.md">ping spec</a>
 */
@NullMarked
package io.jlibp2p.protocol.ping;

import org.jspecify.annotations.NullMarked;
