package io.jlibp2p.spring.autoconfigure.pubsub;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

import io.jlibp2p.protocol.pubsub.Pubsub;
import io.jlibp2p.protocol.pubsub.PubsubMessage;
import io.jlibp2p.spring.autoconfigure.EventThread;

/**
 * Hands inbound pubsub messages to the application: as {@link PubsubMessageEvent}s, into
 * a bounded log of recent messages per topic, and to live streams. All of it happens on
 * one thread of its own behind a bounded queue, so a slow {@code @EventListener} delays
 * other listeners but never the network; when the queue is full, messages are dropped and
 * counted. Subscribes to the configured topics when the application starts.
 */
public class PubsubEventPublisher implements SmartLifecycle {

	private final Pubsub pubsub;

	private final List<String> topics;

	private final int recentPerTopic;

	private final ApplicationEventPublisher publisher;

	private final Map<String, Deque<PubsubMessageEvent>> recent = new ConcurrentHashMap<>();

	private final List<Consumer<PubsubMessageEvent>> listeners = new CopyOnWriteArrayList<>();

	private final List<Consumer<PubsubMessageEvent>> streams = new CopyOnWriteArrayList<>();

	private final AtomicLong droppedWhileStopped = new AtomicLong();

	private final EventThread events;

	/**
	 * Creates the publisher.
	 * @param pubsub the pubsub behaviour
	 * @param topics topics to subscribe to at start
	 * @param queueCapacity messages that may wait for delivery
	 * @param recentPerTopic messages kept per topic for {@link #recent(String)}
	 * @param publisher where events go
	 */
	public PubsubEventPublisher(Pubsub pubsub, List<String> topics, int queueCapacity, int recentPerTopic,
			ApplicationEventPublisher publisher) {
		this.pubsub = pubsub;
		this.topics = List.copyOf(topics);
		this.events = new EventThread("jlibp2p-pubsub-events", queueCapacity);
		this.recentPerTopic = recentPerTopic;
		this.publisher = publisher;
		pubsub.addListener(this::enqueue);
	}

	@Override
	public void start() {
		this.events.start();
		for (String topic : this.topics) {
			this.pubsub.subscribe(topic).orTimeout(10, TimeUnit.SECONDS).join();
		}
	}

	private void enqueue(PubsubMessage message) {
		if (!this.events.submit(() -> deliver(new PubsubMessageEvent(message)))) {
			this.droppedWhileStopped.incrementAndGet();
		}
	}

	private void deliver(PubsubMessageEvent event) {
		if (this.recentPerTopic > 0) {
			Deque<PubsubMessageEvent> log = this.recent.computeIfAbsent(event.topic(), (topic) -> new ArrayDeque<>());
			synchronized (log) {
				if (log.size() == this.recentPerTopic) {
					log.removeFirst();
				}
				log.addLast(event);
			}
		}
		this.publisher.publishEvent(event);
		for (Consumer<PubsubMessageEvent> listener : this.listeners) {
			listener.accept(event);
		}
		for (Consumer<PubsubMessageEvent> stream : this.streams) {
			stream.accept(event);
		}
	}

	/**
	 * Returns the most recent messages of a topic, oldest first.
	 * @param topic the topic
	 * @return up to {@code libp2p.pubsub.recent-messages} messages
	 */
	public List<PubsubMessageEvent> recent(String topic) {
		Deque<PubsubMessageEvent> log = this.recent.get(topic);
		if (log == null) {
			return List.of();
		}
		synchronized (log) {
			return List.copyOf(log);
		}
	}

	/**
	 * Forgets the recent messages of a topic, after unsubscribing from it.
	 * @param topic the topic
	 */
	public void forget(String topic) {
		this.recent.remove(topic);
	}

	/**
	 * Adds a listener of every message, called on the event thread after the Spring
	 * event, as {@link PubsubListenerContainer} is.
	 * @param listener the listener
	 */
	public void addListener(Consumer<PubsubMessageEvent> listener) {
		this.listeners.add(listener);
	}

	/**
	 * Removes a listener.
	 * @param listener the listener
	 */
	public void removeListener(Consumer<PubsubMessageEvent> listener) {
		this.listeners.remove(listener);
	}

	/**
	 * Adds a live stream of messages, as the REST API's server-sent events, called on the
	 * event thread; {@link #streamCount()} counts them.
	 * @param stream the stream
	 */
	public void addStream(Consumer<PubsubMessageEvent> stream) {
		this.streams.add(stream);
	}

	/**
	 * Removes a live stream.
	 * @param stream the stream
	 */
	public void removeStream(Consumer<PubsubMessageEvent> stream) {
		this.streams.remove(stream);
	}

	/**
	 * Returns how many live streams are open.
	 * @return the count
	 */
	public int streamCount() {
		return this.streams.size();
	}

	/**
	 * Returns how many messages were dropped because the event queue was full.
	 * @return the count
	 */
	public long dropped() {
		return this.droppedWhileStopped.get() + this.events.dropped();
	}

	@Override
	public void stop() {
		this.events.stop();
	}

	@Override
	public boolean isRunning() {
		return this.events.isRunning();
	}

	/**
	 * Starts before the swarm listens, so the first peers learn the subscriptions in
	 * their first RPC, and stops after the swarm, once no more messages can arrive.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 1024;
	}

}
