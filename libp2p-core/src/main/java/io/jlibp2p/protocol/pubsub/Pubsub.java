package io.jlibp2p.protocol.pubsub;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jlibp2p.codec.UvarintFrameDecoder;
import io.jlibp2p.internal.proto.PubsubProto;
import io.jlibp2p.muxer.StreamChannel;
import io.jlibp2p.muxer.StreamFailedEvent;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.protocol.pubsub.PubsubMetrics.Outcome;
import io.jlibp2p.swarm.NetworkBehaviour;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.time.Scheduler;
import io.jlibp2p.transport.Connection;
import io.jlibp2p.transport.StreamHandler;

/**
 * The pubsub behaviour: subscribe to topics, publish to them, and receive their messages,
 * with floodsub or gossipsub spreading them.
 *
 * <pre>{@code
 * Pubsub pubsub = new Pubsub(PubsubConfig.DEFAULT);
 * Swarm swarm = Swarm.builder().identity(key).behaviour(pubsub).build();
 * pubsub.addListener((message) -> System.out.println(message.topic() + ": " + new String(message.data())));
 * pubsub.subscribe("news");
 * pubsub.publish("news", "hello".getBytes()).join();
 * }</pre>
 *
 * Each peer gets one long-lived outbound stream that this node only writes to, and reads
 * the streams the peer opens; the first RPC on a stream carries all subscriptions.
 * Connections to pubsub peers are kept alive for as long as both sides speak pubsub.
 * Received messages are checked against the signature policy, deduplicated, validated and
 * then delivered to listeners on the swarm's thread; messages this node publishes are not
 * delivered back to it.
 */
public final class Pubsub implements NetworkBehaviour {

	/** Floodsub's protocol id. */
	public static final String FLOODSUB = "/floodsub/1.0.0";

	/** Gossipsub v1.0. */
	public static final String MESHSUB_V10 = "/meshsub/1.0.0";

	/** Gossipsub v1.1: peer scoring, PX, backoff. */
	public static final String MESHSUB_V11 = "/meshsub/1.1.0";

	/** Gossipsub v1.2: IDONTWANT. */
	public static final String MESHSUB_V12 = "/meshsub/1.2.0";

	private static final Logger logger = LoggerFactory.getLogger(Pubsub.class);

	private final PubsubConfig config;

	private final PubsubMetrics metrics = new PubsubMetrics();

	private final PubsubState state;

	private final Router router;

	private final MessageValidation validation;

	private final List<Consumer<PubsubMessage>> listeners = new CopyOnWriteArrayList<>();

	private final RpcSender sender;

	private final List<Scheduler.Cancellable> timers = new ArrayList<>();

	private final Map<PeerId, StreamChannel> inbound = new ConcurrentHashMap<>();

	private volatile List<PubsubTopic> topics = List.of();

	private long nextSequenceNumber;

	/**
	 * Creates the behaviour.
	 * @param config the settings
	 */
	public Pubsub(PubsubConfig config) {
		this.config = config;
		this.state = new PubsubState(config);
		this.sender = new RpcSender(this.state, config, this.metrics);
		this.validation = new MessageValidation(config.validationTimeout(), config.limits().maxPendingValidations());
		this.router = (config.router() == PubsubConfig.Router.FLOODSUB) ? new FloodRouter(this.state)
				: new GossipRouter(this.state, config);
	}

	@Override
	public Map<String, StreamHandler> protocols() {
		Map<String, StreamHandler> handlers = new HashMap<>();
		this.router.protocols().forEach((protocol) -> handlers.put(protocol, this::acceptStream));
		return handlers;
	}

	@Override
	public void attached(Swarm swarm) {
		this.state.attach(swarm);
		// go's convention: sequence numbers start at the current time in nanoseconds, so
		// they keep increasing across restarts.
		Instant now = swarm.scheduler().now();
		this.nextSequenceNumber = ChronoUnit.NANOS.between(Instant.EPOCH, now);
		swarm.execute(() -> {
			for (Router.Timer timer : this.router.timers()) {
				this.timers.add(swarm.scheduler()
					.scheduleRepeatedly(() -> route(timer.task()), timer.initialDelay(), timer.interval()));
			}
		});
	}

	@Override
	public void detached() {
		this.timers.forEach(Scheduler.Cancellable::cancel);
	}

	/**
	 * Returns the settings.
	 * @return the configuration
	 */
	public PubsubConfig config() {
		return this.config;
	}

	/**
	 * Returns the running totals of messages.
	 * @return the metrics
	 */
	public PubsubMetrics metrics() {
		return this.metrics;
	}

	/**
	 * Registers a listener for received messages that passed validation, called on the
	 * swarm's thread: a listener with slow work hands it to another thread.
	 * @param listener the listener
	 */
	public void addListener(Consumer<PubsubMessage> listener) {
		this.listeners.add(listener);
	}

	/**
	 * Adds a validator for a topic's messages; a message is accepted only when every
	 * validator of its topic accepts it.
	 * @param topic the topic
	 * @param validator the validator
	 */
	public void addValidator(String topic, MessageValidator validator) {
		this.validation.add(topic, validator);
	}

	/**
	 * Adds a validator for the topic it names.
	 * @param validator the validator
	 */
	public void addValidator(TopicValidator validator) {
		addValidator(validator.topic(), validator);
	}

	/**
	 * Subscribes to a topic: its messages are delivered to the listeners and this node
	 * joins the topic's mesh.
	 * @param topic the topic, sent verbatim
	 * @return completes once peers have been told
	 */
	public CompletableFuture<Void> subscribe(String topic) {
		TopicNames.requireValid(topic);
		return onSwarmThread(() -> {
			if (this.state.subscriptions().add(topic)) {
				this.sender.announce(topic, true);
				route(() -> this.router.joined(topic));
				refreshTopics();
			}
			return null;
		});
	}

	/**
	 * Unsubscribes from a topic.
	 * @param topic the topic
	 * @return completes once peers have been told
	 */
	public CompletableFuture<Void> unsubscribe(String topic) {
		return onSwarmThread(() -> {
			if (this.state.subscriptions().remove(topic)) {
				route(() -> this.router.left(topic));
				this.sender.announce(topic, false);
				refreshTopics();
			}
			return null;
		});
	}

	/**
	 * Publishes a message. This node need not subscribe to the topic.
	 * @param topic the topic, sent verbatim
	 * @param data the payload
	 * @return the message id; fails with {@link PubsubException} if the message is too
	 * large, with {@link InsufficientPeersException} if no peer subscribed to the topic
	 * is there to take it
	 */
	public CompletableFuture<MessageId> publish(String topic, byte[] data) {
		TopicNames.requireValid(topic);
		byte[] payload = data.clone();
		return onSwarmThread(() -> {
			Swarm node = this.state.swarm();
			PubsubProto.Message message = MessageSigning.create(this.config.signaturePolicy(), node.identity(),
					node.localPeer(), this.nextSequenceNumber++, topic, payload);
			// Room for the RPC's own field tag and length around the message.
			if (message.getSerializedSize() + 16 > this.config.limits().maxRpcSize()) {
				throw new PubsubException("a message of " + payload.length + " bytes exceeds the RPC limit of "
						+ this.config.limits().maxRpcSize() + " bytes");
			}
			Author author = MessageSigning.claimedAuthor(this.config.signaturePolicy(), message);
			MessageId id = MessageId.of(this.config.messageIdFunction().idBytes(author, topic, payload));
			this.state.markSeen(id);
			int[] recipients = new int[1];
			route(() -> recipients[0] = this.router.publish(id, message));
			if (recipients[0] == 0) {
				throw new InsufficientPeersException(topic); // nothing was sent, nothing
																// cached
			}
			this.metrics.count(Outcome.PUBLISHED);
			return id;
		});
	}

	/**
	 * Sets the application-specific part (P5) of a peer's gossipsub score.
	 * @param peer the peer
	 * @param score the score, weighted by the scoring parameters
	 */
	public void setApplicationScore(PeerId peer, double score) {
		execute(() -> this.router.setApplicationScore(peer, score));
	}

	/**
	 * Returns a peer's current gossipsub score.
	 * @param peer the peer
	 * @return the score, 0 for unknown peers, floodsub or scoring switched off
	 */
	public CompletableFuture<Double> score(PeerId peer) {
		return onSwarmThread(() -> this.router.score(peer));
	}

	/**
	 * Returns the topics this node subscribes to or knows peers of, as of the last change
	 * or heartbeat.
	 * @return the topics, sorted
	 */
	public List<PubsubTopic> topics() {
		return this.topics;
	}

	@Override
	public void connectionEstablished(Connection connection) {
		ensurePeer(connection);
	}

	@Override
	public void connectionClosed(Connection connection) {
		PubsubPeer peer = this.state.peer(connection.remotePeer());
		if (peer == null || peer.connection() != connection) {
			return;
		}
		removePeer(peer);
		this.state.swarm().connection(connection.remotePeer()).ifPresent(this::ensurePeer);
	}

	@Override
	public boolean keepAlive(Connection connection) {
		PubsubPeer peer = this.state.peer(connection.remotePeer());
		return peer != null && peer.connection() == connection && peer.protocol() != null;
	}

	private void ensurePeer(Connection connection) {
		if (this.state.peer(connection.remotePeer()) != null || !connection.isOpen()) {
			return;
		}
		PubsubPeer peer = new PubsubPeer(connection);
		this.state.add(peer);
		route(() -> this.router.peerAdded(peer));
		this.sender.greet(peer);
		connection.newStream(this.router.protocols(), (c, stream) -> {
		}).whenComplete((stream, failure) -> execute(() -> outboundStream(peer, stream, failure)));
	}

	private void outboundStream(PubsubPeer peer, @Nullable StreamChannel stream, @Nullable Throwable failure) {
		if (this.state.peer(peer.id()) != peer) {
			if (stream != null) {
				stream.close();
			}
			return;
		}
		if (stream == null) {
			logger.debug("{} speaks no pubsub protocol of ours: {}", peer,
					(failure != null) ? failure.getMessage() : "");
			removePeer(peer);
			return;
		}
		peer.streamOpened(stream);
		refreshTopics();
		stream.closeFuture().addListener((closed) -> execute(() -> {
			if (this.state.peer(peer.id()) == peer) {
				logger.debug("pubsub stream to {} closed", peer);
				removePeer(peer);
			}
		}));
	}

	private void removePeer(PubsubPeer peer) {
		this.state.remove(peer);
		peer.rpcs().close();
		route(() -> this.router.peerRemoved(peer));
		refreshTopics();
	}

	private void acceptStream(Connection connection, StreamChannel stream) {
		// One inbound stream per peer, as go and rust keep: a newer one replaces the
		// older,
		// so a peer cannot hold many streams with their buffers and partial frames.
		PeerId peer = connection.remotePeer();
		StreamChannel previous = this.inbound.put(peer, stream);
		if (previous != null && previous != stream) {
			previous.fail(StreamFailedEvent.Cause.LIMIT, "a newer pubsub stream from the same peer replaces it");
		}
		stream.closeFuture().addListener((closed) -> this.inbound.remove(peer, stream));
		stream.pipeline()
			.addLast(new UvarintFrameDecoder(this.config.limits().maxRpcSize(), RpcReader.PARTIAL_RPC_TIMEOUT))
			.addLast(new RpcReader(this.config, this.metrics, (rpc, done) -> execute(() -> {
				try {
					received(connection, rpc);
				}
				finally {
					done.run();
				}
			})));
	}

	private void received(Connection connection, PubsubProto.RPC rpc) {
		PubsubPeer peer = this.state.peer(connection.remotePeer());
		if (peer == null) {
			ensurePeer(connection);
			peer = this.state.peer(connection.remotePeer());
			if (peer == null) {
				return;
			}
		}
		if (!this.router.accepts(peer)) {
			this.metrics.count(Outcome.DROPPED, rpc.getPublishCount());
			return;
		}
		boolean topicsChanged = false;
		for (PubsubProto.RPC.SubOpts subscription : rpc.getSubscriptionsList()) {
			String topic = TopicNames.decode(subscription.getTopicidBytes());
			if (topic != null) {
				topicsChanged |= peerSubscription(peer, topic, subscription.getSubscribe());
			}
		}
		if (topicsChanged) {
			refreshTopics();
		}
		for (PubsubProto.Message message : rpc.getPublishList()) {
			receive(peer, message);
		}
		if (rpc.hasControl()) {
			PubsubPeer from = peer;
			route(() -> this.router.control(from, rpc.getControl()));
		}
	}

	private boolean peerSubscription(PubsubPeer peer, String topic, boolean subscribe) {
		if (!subscribe) {
			if (peer.topics().remove(topic)) {
				route(() -> this.router.unsubscribed(peer, topic));
				return true;
			}
			return false;
		}
		// A peer may claim many topics over many RPCs; only so many are remembered.
		return peer.topics().size() < this.config.limits().maxTopicsPerRpc() && peer.topics().add(topic);
	}

	private void receive(PubsubPeer peer, PubsubProto.Message message) {
		String topic = TopicNames.decode(message.getTopicBytes());
		if (topic == null) {
			this.metrics.count(Outcome.REJECTED);
			return;
		}
		if (!this.state.subscribed(topic)) {
			this.metrics.count(Outcome.IGNORED);
			return;
		}
		Author author;
		MessageId id;
		byte[] data = message.getData().toByteArray();
		try {
			author = MessageSigning.claimedAuthor(this.config.signaturePolicy(), message);
			id = MessageId.of(this.config.messageIdFunction().idBytes(author, topic, data));
			if (this.state.seen(id)) {
				this.metrics.count(Outcome.DUPLICATE);
				route(() -> this.router.duplicate(peer, id, topic));
				return;
			}
			// Only a verified copy marks the id as seen: a forged copy arriving first
			// must not shadow the real message.
			if (author != null) {
				MessageSigning.verify(message, author);
			}
		}
		catch (PubsubException ex) {
			logger.debug("rejected a message from {} in '{}': {}", peer, topic, ex.getMessage());
			this.metrics.count(Outcome.REJECTED);
			route(() -> this.router.rejected(peer, null, topic));
			return;
		}
		this.state.markSeen(id);
		route(() -> this.router.firstSeen(peer, id, message));
		if (!this.validation.hasRoom(topic)) {
			this.metrics.count(Outcome.DROPPED);
			route(() -> this.router.ignored(id));
			return;
		}
		PubsubMessage received = new PubsubMessage(id, topic, data, (author != null) ? author.peer() : null,
				(author != null) ? author.sequenceNumber() : null, peer.id(), this.state.now());
		Swarm swarm = this.state.swarm();
		this.validation.validate(received, swarm.scheduler(), swarm::execute)
			.thenAccept((result) -> execute(() -> validated(peer, received, message, result)));
	}

	private void validated(PubsubPeer peer, PubsubMessage received, PubsubProto.Message message,
			ValidationResult result) {
		switch (result) {
			case ACCEPT -> {
				this.metrics.count(Outcome.DELIVERED);
				route(() -> this.router.accepted(peer, received.id(), message));
				for (Consumer<PubsubMessage> listener : this.listeners) {
					try {
						listener.accept(received);
					}
					catch (RuntimeException ex) {
						logger.warn("pubsub listener failed on a message in '{}'", received.topic(), ex);
					}
				}
			}
			case REJECT -> {
				this.metrics.count(Outcome.REJECTED);
				route(() -> this.router.rejected(peer, received.id(), received.topic()));
			}
			case IGNORE -> {
				this.metrics.count(Outcome.IGNORED);
				route(() -> this.router.ignored(received.id()));
			}
		}
	}

	/**
	 * Tells the router something and carries out what it decided.
	 * @param call the call into the router
	 */
	private void route(Runnable call) {
		call.run();
		if (this.sender.carryOut(this.router.takeActions())) {
			refreshTopics();
		}
	}

	private void execute(Runnable task) {
		this.state.swarm().execute(task);
	}

	/**
	 * Rebuilds the topic view read by other threads and protects mesh peers from
	 * trimming; called after every change of subscriptions or meshes.
	 */
	private void refreshTopics() {
		this.topics = this.state.topics(this.router::mesh);
		this.state.protectMeshPeers(this.topics);
	}

	private <T> CompletableFuture<T> onSwarmThread(Supplier<T> action) {
		Swarm attached = this.state.swarmOrNull();
		return (attached != null) ? attached.call(action)
				: CompletableFuture.failedFuture(new IllegalStateException("pubsub is not part of a swarm"));
	}

}
