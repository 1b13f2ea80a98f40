package io.jlibp2p.spring.autoconfigure.web;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for the node on behalf of a request, within the REST timeout.
 */
final class Futures {

	private Futures() {
	}

	/**
	 * Waits for a future.
	 * @param future what the node is doing
	 * @param timeout how long the request may wait
	 * @return the result
	 * @throws TimeoutException when it takes too long (a 504)
	 * @throws Exception the failure of the future itself
	 */
	static <T> T await(CompletableFuture<T> future, Duration timeout) throws Exception {
		try {
			return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			future.cancel(false);
			throw ex;
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof Exception cause) ? cause : ex;
		}
	}

}
