package io.jlibp2p.protocol.pubsub;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

import io.jlibp2p.codec.Uvarints;
import io.jlibp2p.internal.proto.PubsubProto;
import io.jlibp2p.muxer.StreamChannel;

/**
 * What {@link Pubsub} writes to one peer: the one outbound stream, the RPCs waiting for
 * it to open, and the control waiting to ride on the next RPC. Touched only on the
 * swarm's thread, except the byte count of queued writes.
 */
final class OutboundRpcs {

	/**
	 * Bytes control may queue beyond the limit for messages: GRAFT, PRUNE and gossip
	 * still reach a peer whose queue is full of messages, but a peer that never reads
	 * cannot make the node queue its IHAVEs and IDONTWANTs without end.
	 */
	static final long CONTROL_ALLOWANCE = 256 * 1024;

	private static final byte[] NOTHING = new byte[0];

	private final List<Pending> waiting = new ArrayList<>();

	private final AtomicLong queuedBytes = new AtomicLong();

	private PubsubProto.ControlMessage.@Nullable Builder control;

	private @Nullable StreamChannel stream;

	/**
	 * Adopts the negotiated stream and sends what waited for it.
	 * @param stream the stream
	 */
	void streamOpened(StreamChannel stream) {
		this.stream = stream;
		for (Pending pending : this.waiting) {
			write(stream, pending);
		}
		this.waiting.clear();
	}

	/**
	 * Queues control to ride on the next RPC.
	 * @param more the control
	 */
	void queueControl(PubsubProto.ControlMessage more) {
		if (this.control == null) {
			this.control = more.toBuilder();
		}
		else {
			this.control.mergeFrom(more);
		}
	}

	boolean hasControl() {
		return this.control != null;
	}

	/**
	 * Sends an RPC with the queued control, or keeps it until the stream is open.
	 * @param rpc the RPC
	 * @param limit the most bytes that may wait to be written, messages included; control
	 * alone may use {@link #CONTROL_ALLOWANCE} more, because the mesh depends on it
	 * @return {@code false} if it was dropped because the peer reads too slowly
	 */
	boolean send(PubsubProto.RPC.Builder rpc, long limit) {
		PubsubProto.ControlMessage.Builder queued = this.control;
		if (queued != null) {
			this.control = null;
			if (rpc.hasControl()) {
				queued.mergeFrom(rpc.getControl());
			}
			rpc.setControl(queued);
		}
		PubsubProto.RPC built = rpc.build();
		long allowed = (built.getPublishCount() > 0) ? limit : limit + CONTROL_ALLOWANCE;
		return enqueue(built.toByteArray(), NOTHING, allowed);
	}

	/**
	 * Forwards a message encoded once for all the peers it goes to, with the control
	 * queued for this one; the control stays queued if the message is dropped.
	 * @param publish an RPC that holds only the message, encoded
	 * @param limit the most bytes that may wait to be written
	 * @return {@code false} if it was dropped because the peer reads too slowly
	 */
	boolean forward(byte[] publish, long limit) {
		if (this.queuedBytes.get() + publish.length > limit) {
			return false;
		}
		PubsubProto.ControlMessage.Builder queued = this.control;
		this.control = null;
		byte[] control = (queued != null) ? PubsubProto.RPC.newBuilder().setControl(queued).build().toByteArray()
				: NOTHING;
		return enqueue(control, publish, limit + CONTROL_ALLOWANCE);
	}

	private boolean enqueue(byte[] first, byte[] second, long allowed) {
		int size = first.length + second.length;
		if (this.queuedBytes.get() + size > allowed) {
			return false;
		}
		this.queuedBytes.addAndGet(size);
		Pending pending = new Pending(Uvarints.frame(first, second), size);
		StreamChannel open = this.stream;
		if (open == null) {
			this.waiting.add(pending);
		}
		else {
			write(open, pending);
		}
		return true;
	}

	/** Drops the control queued for a peer that speaks no gossipsub. */
	void dropControl() {
		this.control = null;
	}

	private void write(StreamChannel stream, Pending pending) {
		if (!stream.isOpen() || stream.eventLoop().isShuttingDown()) {
			// The peer is gone or the node is closing (a heartbeat may still run): a
			// write's listener could not even be notified on an event loop shut down.
			pending.frame().release();
			this.queuedBytes.addAndGet(-pending.size());
			return;
		}
		stream.writeAndFlush(pending.frame()).addListener((written) -> this.queuedBytes.addAndGet(-pending.size()));
	}

	void close() {
		StreamChannel open = this.stream;
		if (open != null) {
			open.close();
		}
		this.waiting.forEach((pending) -> pending.frame().release());
		this.waiting.clear();
		this.control = null;
	}

	/** A framed RPC waiting for the stream, and its size without the length prefix. */
	private record Pending(ByteBuf frame, int size) {
	}

}
