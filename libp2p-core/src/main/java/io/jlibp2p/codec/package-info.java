/**
 * Netty building blocks shared by libp2p's stream protocols: unsigned-varint length
 * prefixes, the framing of nearly every libp2p protocol
 * ({@code uvarint(length) ‖ bytes}).
 */
@NullMarked
package io.jlibp2p.codec;

import org.jspecify.annotations.NullMarked;
