/**
 * Auto-configuration of request-response protocols: {@code @Libp2pProtocol} handler
 * methods, the {@code Libp2pRequester}, and their meters.
 */
@NullMarked
package io.jlibp2p.spring.autoconfigure.reqresp;

import org.jspecify.annotations.NullMarked;
