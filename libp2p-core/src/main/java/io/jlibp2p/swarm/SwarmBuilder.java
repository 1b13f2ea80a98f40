package io.jlibp2p.swarm;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.jlibp2p.crypto.PrivateKey;
import io.jlibp2p.security.pnet.PreSharedKey;
import io.jlibp2p.time.Scheduler;
import io.jlibp2p.transport.ConnectionGater;
import io.jlibp2p.transport.Transport;

/**
 * Builds a {@link Swarm}.
 */
public final class SwarmBuilder {

	@Nullable PrivateKey identity;

	SwarmConfig config = SwarmConfig.DEFAULT;

	final List<NetworkBehaviour> behaviours = new ArrayList<>();

	final List<Transport> transports = new ArrayList<>();

	final List<Transport> ownedTransports = new ArrayList<>();

	@Nullable Scheduler scheduler;

	@Nullable PreSharedKey privateNetwork;

	ConnectionGater gater = ConnectionGater.ALLOW_ALL;

	SwarmBuilder() {
	}

	/**
	 * Runs behaviours and timers on a given scheduler instead of a thread of the swarm's
	 * own, for instance a {@link io.jlibp2p.time.VirtualScheduler} shared by all nodes of
	 * a simulation. The swarm does not close it.
	 * @param scheduler the scheduler
	 * @return this builder
	 */
	public SwarmBuilder scheduler(Scheduler scheduler) {
		this.scheduler = scheduler;
		return this;
	}

	/**
	 * Uses a transport instead of the default TCP and memory transports; call once per
	 * transport. The swarm does not close transports given here, so one transport (and
	 * its event loops) can serve many swarms.
	 * @param transport the transport
	 * @return this builder
	 */
	public SwarmBuilder transport(Transport transport) {
		this.transports.add(transport);
		return this;
	}

	/**
	 * Uses a transport instead of the default TCP and memory transports, and closes it
	 * with the swarm; call once per transport.
	 * @param transport the transport, used by this swarm only
	 * @return this builder
	 */
	public SwarmBuilder ownTransport(Transport transport) {
		this.ownedTransports.add(transport);
		return this;
	}

	/**
	 * Sets the identity key.
	 * @param identity the key
	 * @return this builder
	 */
	public SwarmBuilder identity(PrivateKey identity) {
		this.identity = identity;
		return this;
	}

	/**
	 * Makes the node a member of a private network: every connection, both ways, is
	 * protected with the network's pre-shared key, and nodes without it cannot connect.
	 * @param key the network's key
	 * @return this builder
	 */
	public SwarmBuilder privateNetwork(PreSharedKey key) {
		this.privateNetwork = key;
		return this;
	}

	/**
	 * Sets the gater that decides which connections the swarm makes and takes;
	 * {@link ConnectionGater#all} combines several.
	 * @param gater the gater
	 * @return this builder
	 */
	public SwarmBuilder gater(ConnectionGater gater) {
		this.gater = gater;
		return this;
	}

	/**
	 * Sets limits and timeouts.
	 * @param config the configuration
	 * @return this builder
	 */
	public SwarmBuilder config(SwarmConfig config) {
		this.config = config;
		return this;
	}

	/**
	 * Adds a behaviour.
	 * @param behaviour the behaviour
	 * @return this builder
	 */
	public SwarmBuilder behaviour(NetworkBehaviour behaviour) {
		this.behaviours.add(behaviour);
		return this;
	}

	/**
	 * Builds the swarm; it starts its event loops but listens nowhere yet.
	 * @return the swarm
	 * @throws IllegalStateException if no identity was set
	 */
	public Swarm build() {
		return new Swarm(this);
	}

}
