package io.jlibp2p.swarm;

import java.util.List;
import java.util.Optional;

import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.transport.Transport;

/**
 * The swarm's transports, in order: the first that handles an address dials it or listens
 * on it.
 */
final class Transports {

	private final List<Transport> all;

	Transports(List<Transport> all) {
		if (all.isEmpty()) {
			throw new IllegalArgumentException("a swarm needs a transport");
		}
		this.all = List.copyOf(all);
	}

	Optional<Transport> forAddress(Multiaddr address) {
		return this.all.stream().filter((transport) -> transport.handles(address)).findFirst();
	}

	/**
	 * Returns the I/O type of the first transport.
	 * @return {@code epoll} or {@code nio}
	 */
	String ioType() {
		return this.all.get(0).ioType();
	}

}
