package io.jlibp2p.spring.autoconfigure.reqresp;

import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import io.jlibp2p.peer.PeerId;
import io.jlibp2p.protocol.reqresp.RequestResponse;
import io.jlibp2p.protocol.reqresp.RequestResponseException;
import io.jlibp2p.spring.autoconfigure.payload.PayloadConverter;
import io.jlibp2p.spring.autoconfigure.payload.PayloadException;
import io.jlibp2p.spring.autoconfigure.payload.Payloads;

/**
 * Sends requests of request-response protocols, objects converted both ways by the
 * {@link PayloadConverter}s:
 *
 * <pre>{@code
 * Quote quote = requester.request(peer, "/app/quote/1.0.0", new QuoteRequest("tea"), Quote.class).join();
 * }</pre>
 */
public class Libp2pRequester {

	private final RequestResponse requestResponse;

	private final Payloads payloads;

	private final ProtocolMeters meters;

	/**
	 * Creates the requester.
	 * @param requestResponse the behaviour that sends
	 * @param payloads the converters
	 * @param meters registers each protocol's meters
	 */
	public Libp2pRequester(RequestResponse requestResponse, Payloads payloads, ProtocolMeters meters) {
		this.requestResponse = requestResponse;
		this.payloads = payloads;
		this.meters = meters;
	}

	/**
	 * Sends a request and converts the response.
	 * @param <T> the response's type
	 * @param peer the peer, connected or with known addresses
	 * @param protocol the protocol id
	 * @param request the request
	 * @param responseType the response's type; {@code Void} ignores the response
	 * @return the response; fails with {@link RequestResponseException} (its reason says
	 * why: unsupported protocol, timeout, too large, the peer's failure…) or with
	 * {@link PayloadException} if the request or the response does not convert
	 */
	public <T> CompletableFuture<T> request(PeerId peer, String protocol, Object request, Class<T> responseType) {
		this.meters.seen(protocol);
		byte[] bytes;
		@Nullable PayloadConverter converter;
		try {
			bytes = this.payloads.write(request);
			converter = (responseType == Void.class) ? null : this.payloads.converterFor(responseType);
		}
		catch (PayloadException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		return this.requestResponse.request(peer, protocol, bytes)
			.thenApply((response) -> (converter != null) ? converter.read(response, responseType) : null);
	}

}
