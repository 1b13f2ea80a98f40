package io.jlibp2p.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.netty.channel.embedded.EmbeddedChannel;

import io.jlibp2p.muxer.StreamChannel;
import io.jlibp2p.muxer.yamux.YamuxConfig;
import io.jlibp2p.muxer.yamux.YamuxSession;
import io.jlibp2p.resources.ConnectionScope;

/**
 * A real yamux stream between two {@link EmbeddedChannel} connections, for testing a
 * protocol handler on the streams it really runs on, deterministically and without
 * sockets. The server side's handlers come from an initializer; the client side is the
 * test's.
 */
public final class StreamPair implements AutoCloseable {

	private final EmbeddedChannel client;

	private final EmbeddedChannel server;

	private final StreamChannel clientStream;

	/**
	 * Connects two sessions and opens one stream.
	 * @param serverStream sets up the server end of the stream
	 * @param clientStream sets up the client end of the stream
	 */
	public StreamPair(Consumer<StreamChannel> serverStream, Consumer<StreamChannel> clientStream) {
		this(serverStream, clientStream, ConnectionScope.unlimited());
	}

	/**
	 * Connects two sessions and opens one stream, the server's within a resource scope.
	 * @param serverStream sets up the server end of the stream
	 * @param clientStream sets up the client end of the stream
	 * @param serverResources the server connection's scope
	 */
	public StreamPair(Consumer<StreamChannel> serverStream, Consumer<StreamChannel> clientStream,
			ConnectionScope serverResources) {
		YamuxSession clientSession = new YamuxSession(true, YamuxConfig.DEFAULT, StreamChannel::reset,
				ConnectionScope.unlimited());
		this.client = new EmbeddedChannel(clientSession);
		this.server = new EmbeddedChannel(new YamuxSession(false, YamuxConfig.DEFAULT, serverStream, serverResources));
		this.clientStream = clientSession.openStream(clientStream).getNow();
		exchange();
	}

	/**
	 * Returns the client end of the stream.
	 * @return the stream
	 */
	public StreamChannel clientStream() {
		return this.clientStream;
	}

	/**
	 * Moves bytes both ways until both sides are quiet, then checks that no exception
	 * reached the end of either pipeline.
	 */
	public void exchange() {
		EmbeddedPair.exchange(this.client, this.server);
		this.client.runPendingTasks();
		this.server.runPendingTasks();
		EmbeddedPair.exchange(this.client, this.server);
		this.client.checkException();
		this.server.checkException();
	}

	/**
	 * Moves both sides' clocks forward, runs what became due and exchanges what it wrote.
	 * @param duration how far
	 */
	public void advanceTimeBy(Duration duration) {
		this.client.advanceTimeBy(duration.toNanos(), TimeUnit.NANOSECONDS);
		this.server.advanceTimeBy(duration.toNanos(), TimeUnit.NANOSECONDS);
		exchange();
	}

	@Override
	public void close() {
		this.client.finishAndReleaseAll();
		this.server.finishAndReleaseAll();
	}

}
