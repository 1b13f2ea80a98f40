/**
 * Noise XX ({@code Noise_XX_25519_ChaChaPoly_SHA256}) with the libp2p handshake payload.
 *
 * <p>
 * X25519 comes from BouncyCastle's low-level RFC 7748 code; the AEAD is the fastest
 * ChaCha20-Poly1305 this JVM has, chosen by {@link NoiseCiphers} among the JDK's,
 * Conscrypt's and {@link ChaChaPoly} (DESIGN.md §5 and BENCHMARKS.md).
 *
 * @see <a href="https://github.com/libp2p/specs/blob/master/noise/README.md">libp2p
 * Noise</a>
 * @see <a href="https://noiseprotocol.org/noise.html">The Noise Protocol Framework</a>
 */
@NullMarked
package io.jlibp2p.security.noise;

import org.jspecify.annotations.NullMarked;
