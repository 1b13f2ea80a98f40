package io.jlibp2p.spring.autoconfigure.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Reads request bodies with a limit, whether or not the client sent a Content-Length: a
 * body over the limit is refused (413) after at most the limit plus one chunk was read.
 * Bodies of the types an HTML form can send across sites without asking (text/plain, form
 * encodings) are refused (415) where they would act on the node, so that a page in a
 * browser cannot make the node dial or publish.
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

	/** What a cross-site HTML form can post without a CORS preflight. */
	private static final List<MediaType> FORM_TYPES = List.of(MediaType.TEXT_PLAIN,
			MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA);

	/**
	 * Refuses a request whose body is not JSON.
	 * @param request the request
	 * @throws UnsupportedTypeException otherwise
	 */
	static void requireJson(HttpServletRequest request) {
		MediaType type = contentType(request);
		if (type == null || !MediaType.APPLICATION_JSON.isCompatibleWith(type)) {
			throw new UnsupportedTypeException("the body must be application/json, not " + request.getContentType());
		}
	}

	/**
	 * Refuses a request whose body an HTML form of another site could have sent.
	 * @param request the request
	 * @throws UnsupportedTypeException for text/plain, form encodings or no type at all
	 */
	static void requireNoFormBody(HttpServletRequest request) {
		MediaType type = contentType(request);
		if (type == null || FORM_TYPES.stream().anyMatch((form) -> form.isCompatibleWith(type))) {
			throw new UnsupportedTypeException("the body must be application/json or application/octet-stream (or "
					+ "another type a cross-site form cannot send), not " + request.getContentType());
		}
	}

	private static @Nullable MediaType contentType(HttpServletRequest request) {
		String header = request.getContentType();
		try {
			return (header != null) ? MediaType.parseMediaType(header) : null;
		}
		catch (InvalidMediaTypeException ex) {
			return null;
		}
	}

	/** A body of a type the endpoint does not take. */
	static final class UnsupportedTypeException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		UnsupportedTypeException(String message) {
			super(message);
		}

	}

	/** A request body over its limit. */
	static final class TooLargeException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		TooLargeException(String what, int limit) {
			super("the body exceeds " + what + " of " + limit + " bytes");
		}

	}

}
