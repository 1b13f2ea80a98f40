package io.jlibp2p.time;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Closing the scheduler still runs what was already handed to it, such as the events a
 * swarm emits while it closes its connections, drops timers that are not due, and takes
 * nothing new.
 */
class SystemSchedulerTest {

	@Test
	void closeRunsQueuedTasksAndDropsPendingTimers() throws Exception {
		SystemScheduler scheduler = new SystemScheduler("system-scheduler-test");
		CountDownLatch busy = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		scheduler.execute(() -> {
			busy.countDown();
			try {
				release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		busy.await(10, TimeUnit.SECONDS);
		AtomicBoolean queuedRan = new AtomicBoolean();
		AtomicBoolean timerRan = new AtomicBoolean();
		scheduler.execute(() -> queuedRan.set(true));
		scheduler.schedule(() -> timerRan.set(true), Duration.ofMinutes(1));

		scheduler.close();
		release.countDown();
		// a task already due still runs after shutdown; the timer is cancelled
		await().atMost(10, TimeUnit.SECONDS).untilTrue(queuedRan);
		assertThat(timerRan).isFalse();
		AtomicBoolean afterClose = new AtomicBoolean();
		scheduler.execute(() -> afterClose.set(true));
		assertThat(afterClose).isFalse();
	}

}
