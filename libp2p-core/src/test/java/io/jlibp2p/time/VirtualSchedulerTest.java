package io.jlibp2p.time;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jlibp2p.codec.CloseReason;
import io.jlibp2p.protocol.ping.Ping;
import io.jlibp2p.protocol.ping.PingConfig;
import io.jlibp2p.protocol.ping.PingEvent;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.swarm.SwarmConfig;
import io.jlibp2p.swarm.SwarmEvent;
import io.jlibp2p.testing.Simulation;
import io.jlibp2p.transport.Connection;

import static org.assertj.core.api.Assertions.assertThat;

class VirtualSchedulerTest {

	private final VirtualScheduler time = new VirtualScheduler();

	@AfterEach
	void close() {
		this.time.close();
	}

	@Test
	void firesTimersInDeadlineOrderOnlyWhenTheClockReachesThem() {
		List<String> fired = new CopyOnWriteArrayList<>();
		Instant start = this.time.now();
		this.time.schedule(() -> fired.add("b@" + this.time.elapsed().toSeconds()), Duration.ofSeconds(2));
		this.time.schedule(() -> fired.add("a@" + this.time.elapsed().toSeconds()), Duration.ofSeconds(1));
		this.time.schedule(() -> fired.add("c"), Duration.ofSeconds(10)).cancel();

		this.time.advance(Duration.ofMillis(999));
		assertThat(fired).isEmpty();
		this.time.advance(Duration.ofSeconds(20));
		assertThat(fired).containsExactly("a@1", "b@2");
		assertThat(Duration.between(start, this.time.now())).isEqualTo(Duration.ofMillis(20_999));
	}

	@Test
	void timersScheduledByTimersFireWithinTheSameAdvance() {
		List<Long> ticks = new CopyOnWriteArrayList<>();
		Scheduler.Cancellable repeating = this.time.scheduleRepeatedly(() -> {
			ticks.add(this.time.elapsed().toMillis());
			if (ticks.size() == 2) {
				throw new IllegalStateException("a failing run keeps its schedule");
			}
		}, Duration.ofMillis(100), Duration.ofSeconds(1));
		this.time.advance(Duration.ofMillis(3_100));
		assertThat(ticks).containsExactly(100L, 1_100L, 2_100L, 3_100L);
		repeating.cancel();
		this.time.advance(Duration.ofSeconds(5));
		assertThat(ticks).hasSize(4);
	}

	@Test
	void periodicPingsDoNotKeepConnectionsAlive() {
		try (Simulation simulation = new Simulation()) {
			Ping periodic = new Ping(
					new PingConfig(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(60)));
			List<PingEvent> pings = new CopyOnWriteArrayList<>();
			periodic.addListener(pings::add);
			SwarmConfig shortIdle = SwarmConfig.DEFAULT
				.withTimeouts(SwarmConfig.Timeouts.DEFAULT.withIdle(Duration.ofSeconds(30)))
				.withLimits(new SwarmConfig.Limits(16, 2, 8, 8))
				.withEventLoopThreads(1);
			Swarm pinger = simulation.node((builder) -> builder.behaviour(periodic).config(shortIdle));
			// other pings every peer too; quiet speaks no ping, so those pings fail
			Swarm quiet = simulation.node((builder) -> builder.config(shortIdle));
			Swarm other = simulation
				.node((builder) -> builder.behaviour(new Ping(PingConfig.DEFAULT)).config(shortIdle));
			List<SwarmEvent> pingerEvents = new CopyOnWriteArrayList<>();
			pinger.addEventListener(pingerEvents::add);
			List<SwarmEvent> quietEvents = new CopyOnWriteArrayList<>();
			quiet.addEventListener(quietEvents::add);
			Connection pinged = simulation.connect(pinger, other);
			Connection idle = simulation.connect(quiet, other);

			simulation.advance(Duration.ofSeconds(25));
			assertThat(pings).hasSize(2).allSatisfy((event) -> assertThat(event.succeeded()).isTrue());
			assertThat(pinged.isOpen()).as("open streams of ping do not count").isTrue();

			// rust's rule: a connection stays while some protocol needs it, and ping
			// does not; the idle check runs every few seconds after the 30 s.
			simulation.advance(Duration.ofSeconds(40));
			assertThat(pinged.isOpen()).isFalse();
			assertThat(idle.isOpen()).isFalse();
			for (List<SwarmEvent> events : List.of(pingerEvents, quietEvents)) {
				assertThat(events).filteredOn(SwarmEvent.ConnectionClosed.class::isInstance)
					.singleElement()
					.extracting((event) -> ((SwarmEvent.ConnectionClosed) event).cause().cause())
					.isEqualTo(CloseReason.Cause.IDLE);
			}
		}
	}

}
