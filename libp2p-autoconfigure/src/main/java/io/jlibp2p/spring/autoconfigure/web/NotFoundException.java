package io.jlibp2p.spring.autoconfigure.web;

/**
 * What a request names does not exist here, or a lookup found nothing: a 404.
 */
final class NotFoundException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	NotFoundException(String message) {
		super(message);
	}

}
