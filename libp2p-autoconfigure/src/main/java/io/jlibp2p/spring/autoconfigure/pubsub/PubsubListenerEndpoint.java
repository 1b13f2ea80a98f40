package io.jlibp2p.spring.autoconfigure.pubsub;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.expression.Expression;
import org.springframework.expression.ExpressionException;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

import io.jlibp2p.protocol.pubsub.MessageId;
import io.jlibp2p.protocol.pubsub.PubsubMessage;
import io.jlibp2p.spring.autoconfigure.payload.PayloadConverter;
import io.jlibp2p.spring.autoconfigure.payload.Payloads;
import io.jlibp2p.spring.autoconfigure.support.AnnotatedMethods;

/**
 * One {@link PubsubListener} method, ready to be called: its topics, its condition, and
 * how each of its parameters is filled. Built when the application starts, so that a
 * listener no converter can feed, or a condition that does not parse, stops it there.
 */
final class PubsubListenerEndpoint {

	private static final Logger logger = LoggerFactory.getLogger(PubsubListenerEndpoint.class);

	private static final SpelExpressionParser SPEL = new SpelExpressionParser();

	private final String id;

	private final Set<String> topics;

	private final Object bean;

	private final Method method;

	private final Parameter[] parameters;

	private final @Nullable Class<?> payloadType;

	private final @Nullable PayloadConverter converter;

	private final @Nullable Expression condition;

	private final AtomicLong failures = new AtomicLong();

	PubsubListenerEndpoint(AnnotatedMethods.Found<PubsubListener> found, Payloads payloads) {
		PubsubListener annotation = found.annotation();
		this.method = found.method();
		this.bean = found.bean();
		this.id = annotation.id().isEmpty() ? ClassUtils.getShortName(found.type()) + "." + this.method.getName()
				: annotation.id();
		this.topics = new LinkedHashSet<>(List.of(annotation.topics()));
		if (this.topics.isEmpty() || this.topics.contains("")) {
			throw new IllegalStateException("@PubsubListener " + this.id + " names no topic");
		}
		Class<?>[] types = this.method.getParameterTypes();
		this.parameters = new Parameter[types.length];
		Class<?> payload = null;
		for (int i = 0; i < types.length; i++) {
			this.parameters[i] = Parameter.of(types[i]);
			if (this.parameters[i] == Parameter.PAYLOAD) {
				if (payload != null) {
					throw new IllegalStateException("@PubsubListener " + this.id + " has two payload parameters, "
							+ payload.getName() + " and " + types[i].getName());
				}
				payload = types[i];
			}
		}
		this.payloadType = payload;
		this.converter = (payload != null) ? payloads.converterFor(payload) : null;
		this.condition = annotation.condition().isEmpty() ? null : parse(annotation.condition());
		ReflectionUtils.makeAccessible(this.method);
	}

	private Expression parse(String condition) {
		try {
			return SPEL.parseExpression(condition);
		}
		catch (ExpressionException ex) {
			throw new IllegalStateException("@PubsubListener " + this.id + ": condition does not parse", ex);
		}
	}

	String id() {
		return this.id;
	}

	Set<String> topics() {
		return this.topics;
	}

	long failures() {
		return this.failures.get();
	}

	/**
	 * Hands a message to the method if it is of one of its topics and meets its
	 * condition. Never throws: a failure is logged and counted.
	 * @param event the message
	 * @return {@code null}, or what failed: {@code unreadable} (the payload did not
	 * convert), {@code condition} (it did not evaluate) or {@code exception} (the method
	 * threw)
	 */
	@Nullable String deliver(PubsubMessageEvent event) {
		if (!this.topics.contains(event.topic())) {
			return null;
		}
		Object payload = null;
		if (this.converter != null && this.payloadType != null) {
			try {
				payload = this.converter.read(event.data(), this.payloadType);
			}
			catch (RuntimeException ex) {
				return failed("unreadable", event, ex);
			}
		}
		try {
			if (this.condition != null && !matches(event, payload)) {
				return null;
			}
		}
		catch (RuntimeException ex) {
			return failed("condition", event, ex);
		}
		try {
			this.method.invoke(this.bean, arguments(event, payload));
			return null;
		}
		catch (InvocationTargetException ex) {
			return failed("exception", event, ex.getTargetException());
		}
		catch (IllegalAccessException | RuntimeException ex) {
			return failed("exception", event, ex);
		}
	}

	private boolean matches(PubsubMessageEvent event, @Nullable Object payload) {
		StandardEvaluationContext context = new StandardEvaluationContext(event);
		context.setVariable("payload", payload);
		return Boolean.TRUE.equals(this.condition.getValue(context, Boolean.class));
	}

	private @Nullable Object[] arguments(PubsubMessageEvent event, @Nullable Object payload) {
		@Nullable Object[] arguments = new Object[this.parameters.length];
		for (int i = 0; i < arguments.length; i++) {
			arguments[i] = switch (this.parameters[i]) {
				case EVENT -> event;
				case MESSAGE -> event.message();
				case MESSAGE_ID -> event.messageId();
				case PAYLOAD -> payload;
			};
		}
		return arguments;
	}

	private String failed(String cause, PubsubMessageEvent event, Throwable failure) {
		this.failures.incrementAndGet();
		if ("unreadable".equals(cause)) {
			// Any peer can send bytes that are not the listener's type: counted, and
			// logged only at debug, so that it cannot flood the log.
			logger.debug("@PubsubListener {}: unreadable message {} of topic {}", this.id, event.messageId(),
					event.topic(), failure);
		}
		else {
			logger.warn("@PubsubListener {} failed ({}) on message {} of topic {}", this.id, cause, event.messageId(),
					event.topic(), failure);
		}
		return cause;
	}

	@Override
	public String toString() {
		return this.id + " " + this.topics;
	}

	/** What a listener method's parameter receives. */
	private enum Parameter {

		EVENT, MESSAGE, MESSAGE_ID, PAYLOAD;

		static Parameter of(Class<?> type) {
			if (type == PubsubMessageEvent.class) {
				return EVENT;
			}
			if (type == PubsubMessage.class) {
				return MESSAGE;
			}
			return (type == MessageId.class) ? MESSAGE_ID : PAYLOAD;
		}

	}

}
