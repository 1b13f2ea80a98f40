package io.jlibp2p.spring.autoconfigure.reqresp;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.ReflectionUtils;

import io.jlibp2p.peer.PeerId;
import io.jlibp2p.protocol.reqresp.RequestHandler;
import io.jlibp2p.protocol.reqresp.UnreadableRequestException;
import io.jlibp2p.spring.autoconfigure.payload.PayloadConverter;
import io.jlibp2p.spring.autoconfigure.payload.Payloads;
import io.jlibp2p.spring.autoconfigure.support.AnnotatedMethods;

/**
 * One {@link Libp2pProtocol} method as a {@link RequestHandler}: the request converted to
 * its parameter, the method run on the executor, its result (or the result of the stage
 * it returns) converted back. Built when the application starts, so that a method no
 * converter can feed stops it there.
 */
final class ProtocolMethod implements RequestHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProtocolMethod.class);

	private static final byte[] EMPTY = new byte[0];

	private final String protocol;

	private final Object bean;

	private final Method method;

	private final boolean[] peerParameters;

	private final @Nullable Class<?> requestType;

	private final @Nullable PayloadConverter requestConverter;

	private final Payloads payloads;

	private final Executor executor;

	ProtocolMethod(AnnotatedMethods.Found<Libp2pProtocol> found, Payloads payloads, Executor executor) {
		this.protocol = found.annotation().value();
		this.bean = found.bean();
		this.method = found.method();
		this.payloads = payloads;
		this.executor = executor;
		if (!this.protocol.startsWith("/")) {
			throw new IllegalStateException(
					"@Libp2pProtocol on " + this.method + " needs a protocol id starting with /, not " + this.protocol);
		}
		Class<?>[] types = this.method.getParameterTypes();
		this.peerParameters = new boolean[types.length];
		Class<?> request = null;
		for (int i = 0; i < types.length; i++) {
			this.peerParameters[i] = types[i] == PeerId.class;
			if (!this.peerParameters[i]) {
				if (request != null) {
					throw new IllegalStateException("@Libp2pProtocol " + this.protocol + " on " + this.method
							+ " takes two requests, " + request.getName() + " and " + types[i].getName());
				}
				request = types[i];
			}
		}
		this.requestType = request;
		this.requestConverter = (request != null) ? payloads.converterFor(request) : null;
		ReflectionUtils.makeAccessible(this.method);
	}

	String protocol() {
		return this.protocol;
	}

	@Override
	public CompletionStage<byte[]> handle(PeerId peer, byte[] request) {
		CompletableFuture<byte[]> response = new CompletableFuture<>();
		try {
			this.executor.execute(() -> run(peer, request, response));
		}
		catch (RejectedExecutionException ex) {
			response.completeExceptionally(ex);
		}
		return response;
	}

	private void run(PeerId peer, byte[] bytes, CompletableFuture<byte[]> response) {
		Object request = null;
		if (this.requestConverter != null && this.requestType != null) {
			try {
				request = this.requestConverter.read(bytes, this.requestType);
			}
			catch (RuntimeException ex) {
				// A peer's garbage: counted (unreadable), and only at debug in the log.
				logger.debug("@Libp2pProtocol {}: unreadable request from {}: {}", this.protocol, peer,
						ex.getMessage());
				response.completeExceptionally(new UnreadableRequestException(ex.getMessage(), ex));
				return;
			}
		}
		@Nullable Object[] arguments = new Object[this.peerParameters.length];
		for (int i = 0; i < arguments.length; i++) {
			arguments[i] = this.peerParameters[i] ? peer : request;
		}
		try {
			Object result = this.method.invoke(this.bean, arguments);
			if (result instanceof CompletionStage<?> stage) {
				stage.whenComplete((value, failure) -> {
					if (failure != null) {
						failed(peer, response, failure);
					}
					else {
						respond(peer, response, value);
					}
				});
			}
			else {
				respond(peer, response, result);
			}
		}
		catch (InvocationTargetException ex) {
			failed(peer, response, ex.getTargetException());
		}
		catch (IllegalAccessException | RuntimeException ex) {
			failed(peer, response, ex);
		}
	}

	private void respond(PeerId peer, CompletableFuture<byte[]> response, @Nullable Object value) {
		try {
			response.complete((value != null) ? this.payloads.write(value) : EMPTY);
		}
		catch (RuntimeException ex) {
			failed(peer, response, ex);
		}
	}

	private void failed(PeerId peer, CompletableFuture<byte[]> response, Throwable failure) {
		logger.warn("@Libp2pProtocol {} failed on a request from {}", this.protocol, peer, failure);
		response.completeExceptionally(failure);
	}

}
