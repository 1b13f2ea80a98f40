package io.jlibp2p.protocol.reqresp;

import java.util.concurrent.CompletionStage;

import io.jlibp2p.peer.PeerId;

/**
 * Answers the requests of one protocol. Called on the stream's event loop: return at once
 * and do blocking work elsewhere, completing the stage when done. A stage that completes
 * exceptionally, or a response over the size limit, resets the stream, which the
 * requester sees as {@link RequestResponseException.Reason#REMOTE_FAILURE}.
 */
@FunctionalInterface
public interface RequestHandler {

	/**
	 * Answers a request.
	 * @param peer who asks
	 * @param request the request's bytes
	 * @return the response's bytes
	 */
	CompletionStage<byte[]> handle(PeerId peer, byte[] request);

}
