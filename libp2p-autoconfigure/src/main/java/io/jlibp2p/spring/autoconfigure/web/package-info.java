/**
 * The {@code /libp2p} REST API: node, peers, dial, disconnect, ping; errors as RFC 9457
 * problem details.
 */
@NullMarked
package io.jlibp2p.spring.autoconfigure.web;

import org.jspecify.annotations.NullMarked;
