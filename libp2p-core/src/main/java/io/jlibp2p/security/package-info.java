/**
 * Connection security: authenticated encryption of a raw connection and verification of
 * the remote PeerId. Noise XX lives in {@code .noise}.
 */
@NullMarked
package io.jlibp2p.security;

import org.jspecify.annotations.NullMarked;
