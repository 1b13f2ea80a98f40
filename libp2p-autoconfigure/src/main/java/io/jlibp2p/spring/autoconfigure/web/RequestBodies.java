package io.jlibp2p.spring.autoconfigure.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Reads request bodies with a limit, whether or not the client sent a Content-Length: a
 * body over the limit is refused (413) after at most the limit plus one chunk was read.
 */
final class RequestBodies {

	private RequestBodies() {
	}

	/**
	 * Reads a request's body.
	 * @param request the request
	 * @param limit the most bytes accepted
	 * @param what what the limit is called, for the error
	 * @return the body
	 * @throws TooLargeException if the body is longer than the limit
	 * @throws IOException if reading fails
	 */
	static byte[] read(HttpServletRequest request, int limit, String what) throws IOException {
		if (request.getContentLengthLong() > limit) {
			throw new TooLargeException(what, limit);
		}
		InputStream in = request.getInputStream();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] chunk = new byte[8192];
		int read;
		while ((read = in.read(chunk)) != -1) {
			if (out.size() + read > limit) {
				throw new TooLargeException(what, limit);
			}
			out.write(chunk, 0, read);
		}
		return out.toByteArray();
	}

	/** A request body over its limit. */
	static final class TooLargeException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		TooLargeException(String what, int limit) {
			super("the body exceeds " + what + " of " + limit + " bytes");
		}

	}

}
