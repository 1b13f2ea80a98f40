/**
 * Payloads as objects: the converters that {@code @PubsubListener},
 * {@code PubsubTemplate}, {@code @Libp2pProtocol} and {@code Libp2pRequester} share.
 */
@NullMarked
package io.jlibp2p.spring.autoconfigure.payload;

import org.jspecify.annotations.NullMarked;
