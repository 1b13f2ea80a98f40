package io.jlibp2p.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.netty.channel.EventLoopGroup;

import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.swarm.SwarmBuilder;
import io.jlibp2p.swarm.SwarmConfig;
import io.jlibp2p.time.VirtualScheduler;
import io.jlibp2p.transport.Connection;
import io.jlibp2p.transport.memory.MemoryTransport;

/**
 * Many swarms in one JVM, connected by the memory transport on one event loop, with all
 * behaviours and timers on one virtual clock.
 */
public final class Simulation implements AutoCloseable {

	private final EventLoopGroup loops = MemoryTransport.newEventLoopGroup(1);

	private final VirtualScheduler time = new VirtualScheduler().watch(this.loops);

	private final MemoryTransport transport = MemoryTransport.on(this.loops);

	private final List<Swarm> nodes = new ArrayList<>();

	/**
	 * Starts a node listening on a fresh memory address.
	 * @param customizer adds behaviours and configuration
	 * @return the node
	 */
	public Swarm node(Consumer<SwarmBuilder> customizer) {
		SwarmBuilder builder = Swarm.builder()
			.identity(Keys.generate(KeyType.ED25519))
			.scheduler(this.time)
			.transport(this.transport)
			// every simulated node dials the first one, so the default inbound share
			// would refuse the tail of a 200-node network and the connection manager
			// would trim it
			.config(SwarmConfig.DEFAULT.withInbound(SwarmConfig.InboundLimits.DEFAULT.withOpen(4096, 4096, 4096))
				.withWatermarks(new SwarmConfig.Watermarks(4096, 4096, Duration.ofMinutes(1))));
		customizer.accept(builder);
		Swarm swarm = builder.build();
		this.nodes.add(swarm);
		swarm.listen(Multiaddr.parse("/memory/0")).join();
		return swarm;
	}

	/**
	 * Dials one node from another and waits until both have seen the connection.
	 * @param dialer the dialing node
	 * @param listener the dialed node
	 * @return the dialer's connection
	 */
	public Connection connect(Swarm dialer, Swarm listener) {
		Connection connection = dialer.dial(listener.listenAddresses().get(0).withPeerId(listener.localPeer())).join();
		this.time.settle();
		return connection;
	}

	/**
	 * Moves virtual time forward.
	 * @param duration how far
	 */
	public void advance(Duration duration) {
		this.time.advance(duration);
	}

	/**
	 * Returns the virtual clock.
	 * @return the scheduler all nodes share
	 */
	public VirtualScheduler time() {
		return this.time;
	}

	/**
	 * Returns the nodes started so far.
	 * @return the nodes
	 */
	public List<Swarm> nodes() {
		return List.copyOf(this.nodes);
	}

	@Override
	public void close() {
		this.nodes.forEach((swarm) -> swarm.close(Duration.ofSeconds(2)));
		this.time.close();
		this.loops.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
	}

}
