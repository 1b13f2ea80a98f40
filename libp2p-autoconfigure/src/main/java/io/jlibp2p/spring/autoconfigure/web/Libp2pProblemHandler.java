package io.jlibp2p.spring.autoconfigure.web;

import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import io.jlibp2p.multiformats.MultiformatException;
import io.jlibp2p.protocol.kad.KadException;
import io.jlibp2p.protocol.pubsub.InsufficientPeersException;
import io.jlibp2p.protocol.pubsub.PubsubException;

/**
 * Turns the REST API's failures into RFC 9457 problem details with a useful
 * {@code detail} and no stack trace: bad input or a record refused by its validator 400,
 * unknown peer or topic and lookups that found nothing 404, switched-off protocol 409, a
 * message too large 413, too many live streams 429, a peer or network that failed 502, a
 * timeout 504. Independent of {@code spring.mvc.problemdetails.enabled}.
 */
@RestControllerAdvice(assignableTypes = { Libp2pRestController.class, PubsubRestController.class,
		DhtRestController.class, GaterRestController.class, PerfRestController.class })
public class Libp2pProblemHandler {

	private static final Logger logger = LoggerFactory.getLogger(Libp2pProblemHandler.class);

	@ExceptionHandler({ MultiformatException.class, IllegalArgumentException.class })
	ResponseEntity<ProblemDetail> badInput(RuntimeException ex) {
		return problem(HttpStatus.BAD_REQUEST, "Invalid input", ex.getMessage());
	}

	@ExceptionHandler(Libp2pRestController.PeerNotFoundException.class)
	ResponseEntity<ProblemDetail> unknownPeer(RuntimeException ex) {
		return problem(HttpStatus.NOT_FOUND, "Unknown peer", ex.getMessage());
	}

	@ExceptionHandler(Libp2pRestController.DialForbiddenException.class)
	ResponseEntity<ProblemDetail> forbiddenDial(RuntimeException ex) {
		return problem(HttpStatus.FORBIDDEN, "Address not allowed", ex.getMessage());
	}

	@ExceptionHandler(KadException.class)
	ResponseEntity<ProblemDetail> refusedRecord(RuntimeException ex) {
		return problem(HttpStatus.BAD_REQUEST, "Invalid DHT request", ex.getMessage());
	}

	@ExceptionHandler(NotFoundException.class)
	ResponseEntity<ProblemDetail> notFound(RuntimeException ex) {
		return problem(HttpStatus.NOT_FOUND, "Not found", ex.getMessage());
	}

	@ExceptionHandler(RequestBodies.UnsupportedTypeException.class)
	ResponseEntity<ProblemDetail> unsupportedType(RuntimeException ex) {
		return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported body type", ex.getMessage());
	}

	@ExceptionHandler(RequestBodies.TooLargeException.class)
	ResponseEntity<ProblemDetail> tooLarge(RuntimeException ex) {
		return problem(HttpStatus.CONTENT_TOO_LARGE, "Request body too large", ex.getMessage());
	}

	@ExceptionHandler(InsufficientPeersException.class)
	ResponseEntity<ProblemDetail> noPeers(RuntimeException ex) {
		return problem(HttpStatus.SERVICE_UNAVAILABLE, "No peers", ex.getMessage());
	}

	@ExceptionHandler(PubsubException.class)
	ResponseEntity<ProblemDetail> refused(RuntimeException ex) {
		return problem(HttpStatus.CONTENT_TOO_LARGE, "Message refused", ex.getMessage());
	}

	@ExceptionHandler(PubsubRestController.TooManyStreamsException.class)
	ResponseEntity<ProblemDetail> tooManyStreams(RuntimeException ex) {
		return problem(HttpStatus.TOO_MANY_REQUESTS, "Too many streams", ex.getMessage());
	}

	@ExceptionHandler(Libp2pRestController.ProtocolDisabledException.class)
	ResponseEntity<ProblemDetail> disabled(RuntimeException ex) {
		return problem(HttpStatus.CONFLICT, "Protocol disabled", ex.getMessage());
	}

	@ExceptionHandler(TimeoutException.class)
	ResponseEntity<ProblemDetail> timeout(TimeoutException ex) {
		return problem(HttpStatus.GATEWAY_TIMEOUT, "Timed out", "the peer did not answer in time");
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> failed(Exception ex) {
		logger.debug("libp2p REST request failed", ex);
		return problem(HttpStatus.BAD_GATEWAY, "Peer or network failure", rootMessage(ex));
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static String rootMessage(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
	}

}
