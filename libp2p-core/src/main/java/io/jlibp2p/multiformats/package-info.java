/**
 * Multiformats: self-describing values used everywhere in libp2p. Unsigned varints,
 * multibase text encodings, multihashes, multicodec codes, CIDs and multiaddrs.
 *
 * <p>
 * Every parser here reads hostile input: lengths are bounded before anything is allocated
 * and every malformed input ends in a
 * {@link io.jlibp2p.multiformats.MultiformatException} (or its subclass
 * {@link io.jlibp2p.multiformats.MultiaddrException}) that names what was wrong.
 *
 * @see <a href="https://github.com/multiformats/multiformats">multiformats</a>
 */
@NullMarked
package io.jlibp2p.multiformats;

import org.jspecify.annotations.NullMarked;
