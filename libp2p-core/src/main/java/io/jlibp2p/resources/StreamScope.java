package io.jlibp2p.resources;

import java.util.ArrayList;
import java.util.List;

/**
 * A stream's scope: it holds one stream in its connection's chain, and the memory its
 * buffers and window reserve. Runs on the stream's event loop; closed once, with the
 * stream, which gives back everything it holds.
 */
public final class StreamScope {

	private final ConnectionScope connection;

	private final Resource direction;

	private final ScopeCounters stream;

	private ScopeCounters protocolOrTransient;

	private long memory;

	private boolean closed;

	StreamScope(ConnectionScope connection, Resource direction) {
		this.connection = connection;
		this.direction = direction;
		this.protocolOrTransient = connection.manager().negotiating();
		this.stream = new ScopeCounters(ScopeKind.STREAM, "", connection.manager().limits().stream());
	}

	/**
	 * Moves the stream from the transient scope to its protocol's, with the memory it
	 * holds.
	 * @param protocol the agreed protocol
	 * @throws ResourceLimitException if the protocol's scope has no room for it
	 */
	public void setProtocol(String protocol) {
		ResourceManager manager = this.connection.manager();
		ScopeCounters target = manager.protocol(protocol);
		List<ScopeCounters> only = List.of(target);
		manager.reserve(only, this.direction, 1, this.connection.isAllowlisted());
		try {
			manager.reserve(only, Resource.MEMORY, this.memory, this.connection.isAllowlisted());
		}
		catch (ResourceLimitException ex) {
			manager.release(only, this.direction, 1);
			throw ex;
		}
		List<ScopeCounters> previous = List.of(this.protocolOrTransient);
		manager.release(previous, this.direction, 1);
		manager.release(previous, Resource.MEMORY, this.memory);
		this.protocolOrTransient = target;
	}

	/**
	 * Reserves memory for a buffer or a window.
	 * @param bytes how much
	 * @throws ResourceLimitException if a scope of the stream's chain has no room
	 */
	public void reserveMemory(long bytes) {
		this.connection.manager().reserve(memoryChain(), Resource.MEMORY, bytes, this.connection.isAllowlisted());
		this.memory += bytes;
	}

	/**
	 * Reserves memory the stream can do without, such as a window beyond the minimum,
	 * while every scope of its chain stays within half its memory limit after it.
	 * @param bytes how much
	 * @return whether it was reserved
	 */
	public boolean tryReserveSpareMemory(long bytes) {
		boolean reserved = this.connection.manager()
			.reserveSpareMemory(memoryChain(), bytes, this.connection.isAllowlisted());
		if (reserved) {
			this.memory += bytes;
		}
		return reserved;
	}

	/**
	 * Returns whether a scope of the stream's chain holds more than half its memory
	 * limit: then spare reservations should be given back.
	 * @return {@code true} when memory is short
	 */
	public boolean isMemoryShort() {
		return this.connection.manager().isMemoryShort(memoryChain(), this.connection.isAllowlisted());
	}

	/**
	 * Gives memory back.
	 * @param bytes how much, at most what is reserved
	 */
	public void releaseMemory(long bytes) {
		long released = Math.min(bytes, this.memory);
		this.connection.manager().release(memoryChain(), Resource.MEMORY, released);
		this.memory -= released;
	}

	/**
	 * Returns whether this side opened the stream.
	 * @return {@code true} for an outbound stream
	 */
	public boolean isOutbound() {
		return this.direction == Resource.STREAMS_OUTBOUND;
	}

	/**
	 * Returns the memory this stream holds.
	 * @return bytes reserved
	 */
	public long memory() {
		return this.memory;
	}

	/** Gives back the stream and all its memory. */
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		releaseMemory(this.memory);
		this.connection.manager().release(this.connection.chain(this.protocolOrTransient), this.direction, 1);
	}

	private List<ScopeCounters> memoryChain() {
		List<ScopeCounters> chain = new ArrayList<>(5);
		chain.add(this.stream);
		chain.addAll(this.connection.chain(this.protocolOrTransient));
		return chain;
	}

}
