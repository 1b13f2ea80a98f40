package io.jlibp2p.spring.autoconfigure;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import io.jlibp2p.protocol.pubsub.SignaturePolicy;

import static io.jlibp2p.spring.autoconfigure.PropertyChecks.requirePositive;

/**
 * Publish/subscribe settings, {@code libp2p.pubsub.*} of {@link Libp2pProperties}.
 *
 * @param router {@code gossipsub} (which also serves floodsub peers), {@code floodsub},
 * or {@code none} for no pubsub at all
 * @param topics topics to subscribe to at start
 * @param signaturePolicy {@code strict-sign} (messages carry author and signature) or
 * {@code strict-no-sign}
 * @param messageId how message ids are derived; every node of a network must agree:
 * {@code from-and-seqno} (go), {@code public-key-and-seqno} (js) or
 * {@code sha256-of-data} (usual under strict-no-sign)
 * @param maxMessageSize the largest RPC read or written, a message included
 * @param seenTtl how long message ids are remembered to drop duplicates
 * @param validationTimeout how long validators may take before a message is ignored
 * @param recentMessages inbound messages kept per topic for the REST API
 * @param eventQueueCapacity messages waiting for delivery as Spring events; more are
 * dropped and counted, so a slow listener never holds up the network
 * @param topicTags whether pubsub meters carry a {@code topic} tag (topics are chosen by
 * peers, so tags are off unless the topics are known and few)
 * @param gossipsub gossipsub's mesh parameters
 * @param scoring gossipsub v1.1 peer scoring
 */
public record PubsubProperties(@DefaultValue("gossipsub") Router router, @DefaultValue List<String> topics,
		@DefaultValue("strict-sign") SignaturePolicy signaturePolicy,
		@DefaultValue("from-and-seqno") MessageIdKind messageId, @DefaultValue("1MB") DataSize maxMessageSize,
		@DefaultValue("2m") Duration seenTtl, @DefaultValue("5s") Duration validationTimeout,
		@DefaultValue("100") int recentMessages, @DefaultValue("10000") int eventQueueCapacity,
		@DefaultValue("false") boolean topicTags, @DefaultValue Gossipsub gossipsub, @DefaultValue Scoring scoring) {

	public PubsubProperties {
		if (topics.stream().anyMatch(String::isEmpty)) {
			throw new IllegalArgumentException("libp2p.pubsub.topics must not contain an empty topic");
		}
		if (recentMessages < 0) {
			throw new IllegalArgumentException("libp2p.pubsub.recent-messages must not be negative");
		}
		requirePositive("libp2p.pubsub.event-queue-capacity", eventQueueCapacity);
		requirePositive("libp2p.pubsub.max-message-size", maxMessageSize);
		requirePositive("libp2p.pubsub.seen-ttl", seenTtl);
		requirePositive("libp2p.pubsub.validation-timeout", validationTimeout);
	}

	/** The routers. */
	public enum Router {

		/** Gossipsub v1.2, v1.1, v1.0, with floodsub peers served too. */
		GOSSIPSUB,

		/** Floodsub only. */
		FLOODSUB,

		/** No pubsub. */
		NONE

	}

	/** The message id functions. */
	public enum MessageIdKind {

		/** go-libp2p's: author PeerId bytes and sequence number. */
		FROM_AND_SEQNO,

		/** js-libp2p's: author public key and sequence number. */
		PUBLIC_KEY_AND_SEQNO,

		/** sha2-256 of the data. */
		SHA256_OF_DATA

	}

	/**
	 * Gossipsub's mesh parameters; the defaults are the spec's and go's.
	 *
	 * @param d the mesh degree aimed for
	 * @param dLow below this many mesh peers, more are grafted
	 * @param dHigh above this many, the mesh is pruned to {@code d}
	 * @param dLazy the least number of peers gossiped to
	 * @param dScore best-scoring peers kept when pruning
	 * @param dOut outbound peers a mesh keeps
	 * @param heartbeatInterval time between heartbeats
	 * @param fanoutTtl how long fanout peers of a topic published to are kept
	 * @param historyLength heartbeats a message stays available for IWANT
	 * @param historyGossip heartbeats of history advertised in IHAVE
	 * @param floodPublish whether own messages go to all subscribed peers
	 * @param peerExchange whether PRUNE carries other peers
	 * @param pruneBackoff how long a pruned peer waits before grafting again
	 * @param idontwantMinSize messages at least this large trigger IDONTWANT
	 */
	public record Gossipsub(@DefaultValue("6") int d, @DefaultValue("5") int dLow, @DefaultValue("12") int dHigh,
			@DefaultValue("6") int dLazy, @DefaultValue("4") int dScore, @DefaultValue("2") int dOut,
			@DefaultValue("1s") Duration heartbeatInterval, @DefaultValue("60s") Duration fanoutTtl,
			@DefaultValue("5") int historyLength, @DefaultValue("3") int historyGossip,
			@DefaultValue("true") boolean floodPublish, @DefaultValue("false") boolean peerExchange,
			@DefaultValue("1m") Duration pruneBackoff, @DefaultValue("1KB") DataSize idontwantMinSize) {
	}

	/**
	 * Gossipsub v1.1 peer scoring: the thresholds; topic weights are the documented
	 * defaults of {@code TopicScoreParams.DEFAULT}, or a {@code PubsubConfig} bean's.
	 *
	 * @param enabled whether peers are scored
	 * @param gossipThreshold below this no gossip is exchanged with a peer
	 * @param publishThreshold below this a peer gets no flood-published messages
	 * @param graylistThreshold below this everything a peer sends is ignored
	 * @param acceptPxThreshold peer exchange is followed only from peers this good
	 * @param opportunisticGraftThreshold a mesh with a lower median score gets better
	 * peers grafted
	 */
	public record Scoring(@DefaultValue("true") boolean enabled, @DefaultValue("-500") double gossipThreshold,
			@DefaultValue("-1000") double publishThreshold, @DefaultValue("-2500") double graylistThreshold,
			@DefaultValue("1000") double acceptPxThreshold, @DefaultValue("3.5") double opportunisticGraftThreshold) {
	}

}
