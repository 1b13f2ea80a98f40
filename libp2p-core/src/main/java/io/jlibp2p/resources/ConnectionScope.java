package io.jlibp2p.resources;

import java.util.List;

import io.jlibp2p.transport.Direction;

/**
 * A connection's scope: the streams opened on it count against it, its peer, their
 * protocol and the system. Closed once, with the connection.
 */
public final class ConnectionScope {

	private final ResourceManager manager;

	private final ScopeCounters peer;

	private final ScopeCounters connection;

	private final boolean allowlisted;

	private boolean closed;

	ConnectionScope(ResourceManager manager, ScopeCounters peer, ScopeCounters connection, boolean allowlisted) {
		this.manager = manager;
		this.peer = peer;
		this.connection = connection;
		this.allowlisted = allowlisted;
	}

	/**
	 * Returns a scope for a connection that is limited by nothing, for muxers used
	 * without a swarm.
	 * @return a fresh scope of {@link ResourceManager#UNLIMITED}
	 */
	public static ConnectionScope unlimited() {
		return new ConnectionScope(ResourceManager.UNLIMITED,
				new ScopeCounters(ScopeKind.PEER, "", ResourceManager.UNLIMITED.limits().peer()),
				new ScopeCounters(ScopeKind.CONNECTION, "", ResourceManager.UNLIMITED.limits().connection()), true);
	}

	/**
	 * Opens a stream's scope: the stream counts in the transient scope until its protocol
	 * is agreed.
	 * @param direction who opened the stream
	 * @return the stream's scope, to close with the stream
	 * @throws ResourceLimitException if a scope has no room for another stream
	 */
	public StreamScope openStream(Direction direction) {
		Resource resource = (direction == Direction.INBOUND) ? Resource.STREAMS_INBOUND : Resource.STREAMS_OUTBOUND;
		this.manager.reserve(chain(this.manager.negotiating()), resource, 1, this.allowlisted);
		return new StreamScope(this, resource);
	}

	/**
	 * Returns whether the connection's peer or address is allowlisted.
	 * @return {@code true} if its reservations are never refused
	 */
	public boolean isAllowlisted() {
		return this.allowlisted;
	}

	/** Gives the peer's scope back once the connection closed. */
	public void close() {
		synchronized (this) {
			if (this.closed) {
				return;
			}
			this.closed = true;
		}
		this.manager.released(this.peer);
	}

	/**
	 * The scopes a stream's streams count in, narrowest first: the stream's own aside.
	 */
	List<ScopeCounters> chain(ScopeCounters protocolOrTransient) {
		return List.of(this.connection, this.peer, protocolOrTransient, this.manager.system());
	}

	ResourceManager manager() {
		return this.manager;
	}

}
