/**
 * Noise XX ({@code Noise_XX_25519_ChaChaPoly_SHA256}) with the libp2p handshake payload.
 *
 * <p>
 * X25519 comes from BouncyCastle's low-level RFC 7748 code; the AEAD pairs the JDK's
 * ChaCha20 (intrinsified on recent JDKs) with BouncyCastle's Poly1305, which is faster
 * than the JDK's where HotSpot has no Poly1305 intrinsic ({@link ChaChaPoly}; DESIGN.md
 * §5 and BENCHMARKS.md).
 *
 * @see <a href="https://github.com/libp2p/specs/blob/master/noise/README.md">libp2p
 * Noise</a>
 * @see <a href="https://noiseprotocol.org/noise.html">The Noise Protocol Framework</a>
 */
@NullMarked
package io.jlibp2p.security.noise;

import org.jspecify.annotations.NullMarked;
