package io.jlibp2p.spring.autoconfigure.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.jlibp2p.protocol.pubsub.MessageId;
import io.jlibp2p.protocol.pubsub.Pubsub;
import io.jlibp2p.spring.autoconfigure.pubsub.PubsubEventPublisher;
import io.jlibp2p.spring.autoconfigure.pubsub.PubsubMessageEvent;
import io.jlibp2p.spring.autoconfigure.view.TopicView;

/**
 * The pubsub REST API under {@code <base-path>/pubsub}. A topic is the rest of the path
 * after {@code /topics/}, before the final {@code /subscription} or {@code /messages}:
 * slashes in topics stay slashes (a topic starting with one gives a double slash), other
 * characters are percent-encoded UTF-8, decoded strictly.
 */
@RestController
@RequestMapping("${libp2p.rest.base-path:/libp2p}/pubsub")
public class PubsubRestController {

	private static final String TOPICS = "/pubsub/topics/";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Pubsub pubsub;

	private final PubsubEventPublisher events;

	private final int maxMessageSize;

	private final int maxStreams;

	private final Duration timeout;

	private final Map<SseEmitter, Consumer<PubsubMessageEvent>> openStreams = new ConcurrentHashMap<>();

	private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "jlibp2p-rest-stream-heartbeat");
		thread.setDaemon(true);
		return thread;
	});

	/**
	 * Creates the controller.
	 * @param pubsub the pubsub behaviour
	 * @param events the recent messages and live streams
	 * @param maxMessageSize the largest request body accepted for publishing
	 * @param maxStreams live event streams open at once
	 * @param timeout how long a request may wait for the node
	 * @param heartbeat how often live streams send a comment, to notice a client gone
	 */
	public PubsubRestController(Pubsub pubsub, PubsubEventPublisher events, int maxMessageSize, int maxStreams,
			Duration timeout, Duration heartbeat) {
		this.pubsub = pubsub;
		this.events = events;
		this.maxMessageSize = maxMessageSize;
		this.maxStreams = maxStreams;
		this.timeout = timeout;
		this.heartbeats.scheduleWithFixedDelay(this::sendHeartbeats, heartbeat.toMillis(), heartbeat.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	/**
	 * Sends each live stream a comment: a stream whose client went away fails on it (at
	 * the latest on the next one) and is freed, even on a topic nobody writes to.
	 */
	private void sendHeartbeats() {
		this.openStreams.forEach((emitter, stream) -> {
			try {
				emitter.send(SseEmitter.event().comment(""));
			}
			catch (IOException | IllegalStateException ex) {
				closed(emitter, stream);
				emitter.completeWithError(ex);
			}
		});
	}

	/** Topics this node subscribes to or knows peers of, with their mesh peers. */
	@GetMapping("/topics")
	public List<TopicView> topics() {
		return this.pubsub.topics().stream().map(TopicView::of).toList();
	}

	/** Subscribes to a topic. */
	@PostMapping("/topics/**")
	public ResponseEntity<?> post(HttpServletRequest request) throws Exception {
		Target target = target(request);
		if (target.action() == Action.SUBSCRIPTION) {
			Futures.await(this.pubsub.subscribe(target.topic()), this.timeout);
			return ResponseEntity.noContent().build();
		}
		byte[] data = messageData(request);
		MessageId id = Futures.await(this.pubsub.publish(target.topic(), data), this.timeout);
		return ResponseEntity.ok(new PublishResult(id.toString()));
	}

	/** Unsubscribes from a topic. */
	@DeleteMapping("/topics/**")
	public ResponseEntity<Void> unsubscribe(HttpServletRequest request) throws Exception {
		Target target = target(request);
		if (target.action() != Action.SUBSCRIPTION) {
			throw new NotFoundException("only a topic's subscription can be deleted");
		}
		requireSubscribed(target.topic());
		Futures.await(this.pubsub.unsubscribe(target.topic()), this.timeout);
		this.events.forget(target.topic());
		return ResponseEntity.noContent().build();
	}

	/** The recent inbound messages of a subscribed topic, oldest first. */
	@GetMapping(path = "/topics/**", produces = MediaType.APPLICATION_JSON_VALUE)
	public List<MessageView> recent(HttpServletRequest request) {
		String topic = messagesTopic(request);
		return this.events.recent(topic).stream().map(MessageView::of).toList();
	}

	/** A live stream of a subscribed topic's inbound messages, as server-sent events. */
	@GetMapping(path = "/topics/**", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	public SseEmitter stream(HttpServletRequest request) {
		String topic = messagesTopic(request);
		if (this.events.streamCount() >= this.maxStreams) {
			throw new TooManyStreamsException(this.maxStreams);
		}
		SseEmitter emitter = new SseEmitter(Duration.ofMinutes(30).toMillis());
		Consumer<PubsubMessageEvent> stream = new Consumer<>() {

			@Override
			public void accept(PubsubMessageEvent event) {
				if (!event.topic().equals(topic)) {
					return;
				}
				try {
					emitter.send(SseEmitter.event()
						.id(event.messageId().toString())
						.name("message")
						.data(MessageView.of(event), MediaType.APPLICATION_JSON));
				}
				catch (IOException | IllegalStateException ex) {
					closed(emitter, this);
				}
			}

		};
		this.openStreams.put(emitter, stream);
		this.events.addStream(stream);
		try {
			// Commits the response, so the client sees the stream open before any
			// message.
			emitter.send(SseEmitter.event().comment("messages of " + topic));
		}
		catch (IOException ex) {
			closed(emitter, stream);
			emitter.completeWithError(ex);
		}
		emitter.onCompletion(() -> closed(emitter, stream));
		emitter.onTimeout(() -> {
			closed(emitter, stream);
			emitter.complete();
		});
		emitter.onError((failure) -> closed(emitter, stream));
		return emitter;
	}

	private void closed(SseEmitter emitter, Consumer<PubsubMessageEvent> stream) {
		this.openStreams.remove(emitter);
		this.events.removeStream(stream);
	}

	/**
	 * Ends the live streams when the application starts to stop: the web server's
	 * graceful shutdown waits for open requests, and a stream never ends by itself, so an
	 * open dashboard would otherwise hold the shutdown for its whole timeout.
	 */
	@EventListener(ContextClosedEvent.class)
	public void endStreams() {
		this.heartbeats.shutdownNow();
		this.openStreams.keySet().forEach(SseEmitter::complete);
	}

	private String messagesTopic(HttpServletRequest request) {
		Target target = target(request);
		if (target.action() != Action.MESSAGES) {
			throw new NotFoundException("GET needs a topic's /messages");
		}
		requireSubscribed(target.topic());
		return target.topic();
	}

	private void requireSubscribed(String topic) {
		boolean subscribed = this.pubsub.topics()
			.stream()
			.anyMatch((known) -> known.subscribed() && known.topic().equals(topic));
		if (!subscribed) {
			throw new NotFoundException("this node does not subscribe to '" + topic + "'");
		}
	}

	private byte[] messageData(HttpServletRequest request) throws IOException {
		RequestBodies.requireNoFormBody(request);
		byte[] body = RequestBodies.read(request, this.maxMessageSize, "libp2p.pubsub.max-message-size");
		String contentType = request.getContentType();
		if (contentType == null
				|| !MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType))) {
			return body;
		}
		JsonNode json;
		try {
			json = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("the JSON body must be {\"data\": \"text\"} or {\"dataBase64\": \"…\"}");
		}
		if (json.path("data").isString()) {
			return json.path("data").asString().getBytes(StandardCharsets.UTF_8);
		}
		if (json.path("dataBase64").isString()) {
			return Base64.getDecoder().decode(json.path("dataBase64").asString());
		}
		throw new IllegalArgumentException("the JSON body must be {\"data\": \"text\"} or {\"dataBase64\": \"…\"}");
	}

	/**
	 * Finds the topic and the action in the raw request path.
	 */
	private static Target target(HttpServletRequest request) {
		String uri = request.getRequestURI();
		int start = uri.indexOf(TOPICS);
		String rest = (start >= 0) ? uri.substring(start + TOPICS.length()) : "";
		for (Action action : Action.values()) {
			if (rest.endsWith(action.suffix)) {
				String topic = PercentDecoding.decode(rest.substring(0, rest.length() - action.suffix.length()));
				if (topic.isEmpty()) {
					throw new IllegalArgumentException("the topic must not be empty");
				}
				return new Target(topic, action);
			}
		}
		throw new NotFoundException("expected /pubsub/topics/<topic>/subscription or /pubsub/topics/<topic>/messages");
	}

	private enum Action {

		SUBSCRIPTION("/subscription"), MESSAGES("/messages");

		private final String suffix;

		Action(String suffix) {
			this.suffix = suffix;
		}

	}

	private record Target(String topic, Action action) {
	}

	/** Result of a publish. @param messageId the message id, unpadded base64url */
	public record PublishResult(String messageId) {
	}

	/**
	 * A received message.
	 *
	 * @param messageId the message id, unpadded base64url
	 * @param topic the topic
	 * @param from the author, if signed
	 * @param receivedFrom the peer that forwarded it
	 * @param receivedAt when it arrived, ISO-8601
	 * @param data the payload as text, if it is valid UTF-8
	 * @param dataBase64 the payload, base64
	 */
	public record MessageView(String messageId, String topic, @Nullable String from, @Nullable String receivedFrom,
			String receivedAt, @Nullable String data, String dataBase64) {

		static MessageView of(PubsubMessageEvent event) {
			return new MessageView(event.messageId().toString(), event.topic(),
					(event.from() != null) ? event.from().toString() : null,
					(event.receivedFrom() != null) ? event.receivedFrom().toString() : null,
					event.receivedAt().toString(), PercentDecoding.strictUtf8(ByteBuffer.wrap(event.data())),
					Base64.getEncoder().encodeToString(event.data()));
		}

	}

	/** Too many live streams. */
	static final class TooManyStreamsException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		TooManyStreamsException(int limit) {
			super(limit + " live message streams are open already");
		}

	}

}
