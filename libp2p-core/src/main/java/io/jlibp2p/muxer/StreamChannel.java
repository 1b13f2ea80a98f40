package io.jlibp2p.muxer;

import java.net.SocketAddress;
import java.util.ArrayDeque;

import io.netty.buffer.ByteBuf;
import io.netty.channel.AbstractChannel;
import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelMetadata;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelConfig;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import io.netty.channel.socket.ChannelOutputShutdownEvent;
import io.netty.channel.socket.ChannelOutputShutdownException;
import io.netty.channel.socket.DuplexChannel;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jlibp2p.resources.ResourceLimitException;
import io.jlibp2p.resources.StreamScope;

/**
 * One multiplexed stream as a Netty child channel of its connection, on the connection's
 * event loop.
 *
 * <ul>
 * <li><b>Reading.</b> The muxer hands in data with {@link #receive(ByteBuf)}; the channel
 * passes it down its pipeline when read (auto-read by default), then returns the credit
 * to the muxer, so a slow reader holds back its sender through the muxer's flow control
 * and never grows memory beyond the window. A remote half-close arrives as
 * {@link ChannelInputShutdownEvent}.</li>
 * <li><b>Writing.</b> Writes leave as the muxer's credit allows; the rest waits in the
 * channel's outbound buffer, whose watermarks turn {@link #isWritable()} off for the
 * writer. {@link #shutdownOutput()} sends the half-close after everything written before
 * it.</li>
 * <li><b>Closing.</b> {@link #close()} half-closes if that was not done yet and releases
 * the stream; data still waiting for credit is failed. {@link #reset()} aborts both
 * directions.</li>
 * </ul>
 * Buffers passed to {@code fireChannelRead} belong to the reader, who must release them.
 */
public final class StreamChannel extends AbstractChannel implements DuplexChannel {

	private static final Logger logger = LoggerFactory.getLogger(StreamChannel.class);

	private static final ChannelMetadata METADATA = new ChannelMetadata(false, 16);

	private final ChannelConfig config = new DefaultChannelConfig(this);

	private final StreamTransport transport;

	private final StreamScope resources;

	private final ArrayDeque<ByteBuf> inbound = new ArrayDeque<>();

	private boolean open = true;

	private boolean readPending;

	private boolean writing;

	private boolean creditArrived;

	private boolean inputShutdown;

	private boolean inputShutdownDelivered;

	private boolean outputShutdown;

	private @Nullable ChannelPromise outputShutdownPromise;

	private @Nullable String protocol;

	private volatile boolean ignoredForKeepAlive;

	/**
	 * Creates the channel of a stream; the muxer registers it on the connection's event
	 * loop.
	 * @param parent the connection channel
	 * @param transport the muxer's side of the stream
	 * @param resources the stream's scope; outbound if it holds an outbound stream
	 */
	public StreamChannel(Channel parent, StreamTransport transport, StreamScope resources) {
		super(parent);
		this.transport = transport;
		this.resources = resources;
	}

	/**
	 * Returns the stream's scope, where its buffers reserve memory.
	 * @return the scope
	 */
	public StreamScope resources() {
		return this.resources;
	}

	/**
	 * Returns whether this side opened the stream.
	 * @return {@code true} for outbound streams
	 */
	public boolean isOutbound() {
		return this.resources.isOutbound();
	}

	/**
	 * Returns the protocol negotiated on this stream.
	 * @return the protocol id, or {@code null} before negotiation
	 */
	public @Nullable String protocol() {
		return this.protocol;
	}

	/**
	 * Records the protocol negotiated on this stream and moves it into the protocol's
	 * resource scope.
	 * @param protocol the protocol id
	 * @throws ResourceLimitException if the protocol's scope has no room for it
	 */
	public void protocol(String protocol) {
		this.resources.setProtocol(protocol);
		this.protocol = protocol;
	}

	/**
	 * Lets the connection go idle while this stream is open, for protocols that do not
	 * need the connection themselves (ping, as rust's {@code ignore_for_keep_alive}): a
	 * peer that keeps such a stream open must not hold a connection slot by it.
	 */
	public void ignoreForKeepAlive() {
		this.ignoredForKeepAlive = true;
	}

	/**
	 * Returns whether this stream keeps its connection from going idle.
	 * @return {@code true} while open, unless {@link #ignoreForKeepAlive} was called
	 */
	public boolean keepsAlive() {
		return isOpen() && !this.ignoredForKeepAlive;
	}

	/**
	 * Gives up on the stream because of what the peer did: logs why, reports a
	 * {@link StreamFailedEvent} to the connection (the swarm counts it) and resets the
	 * stream.
	 * @param cause what the peer did
	 * @param detail what exactly, for the log
	 * @return the close future
	 */
	public ChannelFuture fail(StreamFailedEvent.Cause cause, String detail) {
		return onEventLoop(() -> failNow(cause, detail));
	}

	private void failNow(StreamFailedEvent.Cause cause, String detail) {
		if (this.open) {
			logger.debug("resetting {} stream {} ({}): {}", this.protocol, this, cause, detail);
			this.transport.report(new StreamFailedEvent(this.protocol, cause));
			resetNow();
		}
	}

	/**
	 * Aborts the stream in both directions; pending writes fail.
	 * @return the close future
	 */
	public ChannelFuture reset() {
		return onEventLoop(this::resetNow);
	}

	private ChannelFuture onEventLoop(Runnable action) {
		if (eventLoop().inEventLoop()) {
			action.run();
		}
		else {
			eventLoop().execute(action);
		}
		return closeFuture();
	}

	private void resetNow() {
		if (this.open) {
			this.outputShutdown = true;
			this.transport.writeReset();
			this.transport.flush();
			close();
		}
	}

	/**
	 * Called by the muxer with data the peer sent; the channel takes ownership.
	 * @param data the data
	 */
	public void receive(ByteBuf data) {
		if (!this.open || this.inputShutdown) {
			int bytes = data.readableBytes();
			data.release();
			this.transport.consumed(bytes);
			return;
		}
		this.inbound.add(data);
		if (this.readPending) {
			deliver();
		}
	}

	/** Called by the muxer when the peer half-closed the stream. */
	public void receiveFin() {
		this.inputShutdown = true;
		if (this.readPending || this.inbound.isEmpty()) {
			deliver();
		}
	}

	/** Called by the muxer when the peer reset the stream or the connection went away. */
	public void receiveReset() {
		this.inputShutdown = true;
		this.outputShutdown = true;
		close();
	}

	/**
	 * Called by the muxer when the stream may send again (credit granted, connection
	 * writable).
	 */
	public void writeCreditAvailable() {
		if (this.writing) {
			this.creditArrived = true;
			return;
		}
		if (this.open && !this.outputShutdown) {
			unsafe().flush();
		}
	}

	private void deliver() {
		int bytes = 0;
		boolean delivered = false;
		ByteBuf data;
		while ((this.readPending || config().isAutoRead()) && (data = this.inbound.poll()) != null) {
			bytes += data.readableBytes();
			delivered = true;
			pipeline().fireChannelRead(data);
			if (!config().isAutoRead()) {
				this.readPending = false;
			}
		}
		if (delivered) {
			pipeline().fireChannelReadComplete();
			this.transport.consumed(bytes);
		}
		if (this.inputShutdown && this.inbound.isEmpty() && !this.inputShutdownDelivered && this.open) {
			this.inputShutdownDelivered = true;
			pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
			pipeline().fireUserEventTriggered(ChannelInputShutdownReadComplete.INSTANCE);
			if (this.outputShutdown) {
				close();
			}
		}
	}

	@Override
	protected void doBeginRead() {
		this.readPending = true;
		deliver();
	}

	@Override
	protected void doWrite(ChannelOutboundBuffer in) {
		this.writing = true;
		try {
			do {
				// Flushing can make the connection writable again, reported through
				// writeCreditAvailable while this runs: then go round once more.
				this.creditArrived = false;
				if (writeWithinCredit(in)) {
					this.transport.flush();
				}
			}
			while (this.creditArrived && !in.isEmpty());
		}
		finally {
			this.writing = false;
		}
		if (in.isEmpty() && this.outputShutdownPromise != null) {
			finishOutputShutdown();
		}
	}

	private boolean writeWithinCredit(ChannelOutboundBuffer in) {
		boolean wrote = false;
		Object message;
		while ((message = in.current()) != null) {
			if (this.outputShutdown) {
				in.remove(new ChannelOutputShutdownException("stream output is shut down"));
				continue;
			}
			if (!(message instanceof ByteBuf buffer)) {
				in.remove(new UnsupportedOperationException("streams carry ByteBuf, not " + message.getClass()));
				continue;
			}
			if (!buffer.isReadable()) {
				in.remove();
				continue;
			}
			int credit = this.transport.writeCredit();
			if (credit <= 0) {
				break;
			}
			int length = Math.min(credit, buffer.readableBytes());
			this.transport.writeData(buffer.readRetainedSlice(length));
			in.progress(length);
			wrote = true;
			if (!buffer.isReadable()) {
				in.remove();
			}
		}
		return wrote;
	}

	@Override
	public boolean isInputShutdown() {
		return this.inputShutdown;
	}

	@Override
	public ChannelFuture shutdownInput() {
		return shutdownInput(newPromise());
	}

	@Override
	public ChannelFuture shutdownInput(ChannelPromise promise) {
		// Stream input ends only when the peer half-closes; reset() aborts both
		// directions.
		return promise.setFailure(new UnsupportedOperationException("a stream's input ends with the peer's FIN"));
	}

	@Override
	public boolean isOutputShutdown() {
		return this.outputShutdown;
	}

	@Override
	public ChannelFuture shutdownOutput() {
		return shutdownOutput(newPromise());
	}

	@Override
	public ChannelFuture shutdownOutput(ChannelPromise promise) {
		if (eventLoop().inEventLoop()) {
			requestOutputShutdown(promise);
		}
		else {
			eventLoop().execute(() -> requestOutputShutdown(promise));
		}
		return promise;
	}

	private void requestOutputShutdown(ChannelPromise promise) {
		if (this.outputShutdown || !this.open) {
			promise.setSuccess();
			return;
		}
		this.outputShutdownPromise = promise;
		ChannelOutboundBuffer buffer = unsafe().outboundBuffer();
		if (buffer == null || buffer.isEmpty()) {
			finishOutputShutdown();
		}
		else {
			flush();
		}
	}

	private void finishOutputShutdown() {
		ChannelPromise promise = this.outputShutdownPromise;
		this.outputShutdownPromise = null;
		this.outputShutdown = true;
		this.transport.writeFin();
		this.transport.flush();
		pipeline().fireUserEventTriggered(ChannelOutputShutdownEvent.INSTANCE);
		if (promise != null) {
			promise.setSuccess();
		}
		if (this.inputShutdownDelivered) {
			close();
		}
	}

	@Override
	public boolean isShutdown() {
		return this.inputShutdown && this.outputShutdown;
	}

	@Override
	public ChannelFuture shutdown() {
		return shutdownOutput();
	}

	@Override
	public ChannelFuture shutdown(ChannelPromise promise) {
		return shutdownOutput(promise);
	}

	@Override
	protected void doClose() {
		if (!this.open) {
			return;
		}
		this.open = false;
		if (!this.outputShutdown) {
			this.outputShutdown = true;
			this.transport.writeFin();
			this.transport.flush();
		}
		ByteBuf data;
		int bytes = 0;
		while ((data = this.inbound.poll()) != null) {
			bytes += data.readableBytes();
			data.release();
		}
		if (bytes > 0) {
			this.transport.consumed(bytes);
		}
		if (this.outputShutdownPromise != null) {
			this.outputShutdownPromise.trySuccess();
			this.outputShutdownPromise = null;
		}
		this.transport.closed();
		this.resources.close();
	}

	@Override
	protected void doDisconnect() {
		doClose();
	}

	@Override
	protected void doBind(SocketAddress localAddress) {
		throw new UnsupportedOperationException("streams are not bound");
	}

	@Override
	protected AbstractUnsafe newUnsafe() {
		return new StreamUnsafe();
	}

	@Override
	protected boolean isCompatible(EventLoop loop) {
		return true;
	}

	@Override
	protected @Nullable SocketAddress localAddress0() {
		return parent().localAddress();
	}

	@Override
	protected @Nullable SocketAddress remoteAddress0() {
		return parent().remoteAddress();
	}

	@Override
	public ChannelConfig config() {
		return this.config;
	}

	@Override
	public boolean isOpen() {
		return this.open;
	}

	@Override
	public boolean isActive() {
		return this.open;
	}

	@Override
	public ChannelMetadata metadata() {
		return METADATA;
	}

	@Override
	public String toString() {
		return "StreamChannel[" + (isOutbound() ? "out" : "in") + ", " + this.protocol + ", " + parent() + "]";
	}

	private final class StreamUnsafe extends AbstractUnsafe {

		@Override
		public void connect(SocketAddress remoteAddress, @Nullable SocketAddress localAddress, ChannelPromise promise) {
			promise.setFailure(new UnsupportedOperationException("streams are opened through their connection"));
		}

	}

}
