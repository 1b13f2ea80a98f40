/**
 * mplex ({@code /mplex/6.7.0}): the older libp2p muxer without flow control, deprecated
 * by the spec and removed from go and rust's facade, still shipped by js.
 *
 * @see <a href="https://github.com/libp2p/specs/blob/master/mplex/README.md">mplex
 * spec</a>
 */
@NullMarked
package io.jlibp2p.muxer.mplex;

import org.jspecify.annotations.NullMarked;
