/**
 * Request-response protocols of the application's own, as rust-libp2p's
 * {@code request_response}: one request and one response per stream, each a
 * length-prefixed frame, with size limits, a timeout, per-peer concurrency limits and
 * counts per protocol and outcome.
 */
@NullMarked
package io.jlibp2p.protocol.reqresp;

import org.jspecify.annotations.NullMarked;
