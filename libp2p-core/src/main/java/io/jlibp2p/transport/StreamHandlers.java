package io.jlibp2p.transport;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The protocols this node serves on inbound streams, each with its {@link StreamHandler}.
 * Thread-safe; a stream negotiates against the protocols registered when it opens.
 */
public final class StreamHandlers {

	private final Map<String, StreamHandler> handlers = new ConcurrentHashMap<>();

	/**
	 * Serves a protocol.
	 * @param protocol the protocol id
	 * @param handler sets up its streams
	 */
	public void register(String protocol, StreamHandler handler) {
		this.handlers.put(protocol, handler);
	}

	/**
	 * Stops serving a protocol.
	 * @param protocol the protocol id
	 */
	public void unregister(String protocol) {
		this.handlers.remove(protocol);
	}

	/**
	 * Returns the protocols served now.
	 * @return an immutable snapshot
	 */
	public Set<String> protocols() {
		return Set.copyOf(this.handlers.keySet());
	}

	@Nullable StreamHandler handler(String protocol) {
		return this.handlers.get(protocol);
	}

}
