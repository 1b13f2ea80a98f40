package io.jlibp2p.spring.autoconfigure.reqresp;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.jlibp2p.spring.autoconfigure.payload.PayloadConverter;

/**
 * Marks a bean method as the handler of a request-response protocol, as rust-libp2p's
 * {@code request_response} serves one:
 *
 * <pre>{@code
 * &#64;Libp2pProtocol("/app/quote/1.0.0")
 * Quote quote(QuoteRequest request, PeerId from) {
 *     return pricing.quote(request.item());
 * }
 * }</pre>
 *
 * The method takes the request, converted from its bytes by the {@link PayloadConverter}s
 * ({@code byte[]}, {@code String}, protobuf, JSON), and optionally the requesting
 * {@code PeerId}; it returns the response (converted the same way; {@code void} answers
 * with no bytes) or a {@code CompletionStage} of it. It runs on the application's task
 * executor ({@code applicationTaskExecutor}, virtual threads with
 * {@code spring.threads.virtual.enabled}), never on a network thread. A request that does
 * not convert, or a method that throws, resets the stream (the requester sees
 * {@code REMOTE_FAILURE}); both are counted apart in {@code libp2p.requests{outcome}},
 * the method's exception logged at warn, the unreadable request at debug.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Libp2pProtocol {

	/**
	 * The protocol id.
	 * @return the id, such as {@code /app/echo/1.0.0}
	 */
	String value();

}
