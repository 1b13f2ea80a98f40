/**
 * Yamux ({@code /yamux/1.0.0}): streams with per-stream flow control over one connection.
 *
 * @see <a href="https://github.com/libp2p/specs/blob/master/yamux/README.md">libp2p
 * yamux</a>
 */
@NullMarked
package io.jlibp2p.muxer.yamux;

import org.jspecify.annotations.NullMarked;
