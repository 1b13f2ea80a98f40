package io.jlibp2p.spring.autoconfigure.support;

import org.springframework.context.SmartLifecycle;

/**
 * A container of annotated methods that starts after the pubsub event thread and before
 * the swarm listens, so that what it subscribes to or serves is in place for the first
 * peers, and stops after the swarm.
 */
public abstract class BeforeTheSwarmLifecycle implements SmartLifecycle {

	private volatile boolean running;

	@Override
	public final void start() {
		startContainer();
		this.running = true;
	}

	@Override
	public final void stop() {
		this.running = false;
		stopContainer();
	}

	/** Builds the methods and puts them to work. */
	protected abstract void startContainer();

	/** Takes them off again. */
	protected abstract void stopContainer();

	@Override
	public final boolean isRunning() {
		return this.running;
	}

	@Override
	public final int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 1000;
	}

}
