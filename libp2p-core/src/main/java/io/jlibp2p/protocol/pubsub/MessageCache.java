package io.jlibp2p.protocol.pubsub;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.jlibp2p.internal.proto.PubsubProto;

/**
 * Gossipsub's message cache: the messages of the last {@code historyLength} heartbeats,
 * for answering IWANT, of which the last {@code historyGossip} are advertised in IHAVE.
 * Used on the swarm's thread only.
 */
final class MessageCache {

	private final int historyGossip;

	private final Map<MessageId, PubsubProto.Message> messages = new HashMap<>();

	private final Deque<List<Entry>> windows = new ArrayDeque<>();

	MessageCache(int historyLength, int historyGossip) {
		this.historyGossip = historyGossip;
		for (int i = 0; i < historyLength; i++) {
			this.windows.addLast(new ArrayList<>());
		}
	}

	void put(MessageId id, PubsubProto.Message message) {
		if (this.messages.putIfAbsent(id, message) == null) {
			this.windows.getFirst().add(new Entry(id, message.getTopic()));
		}
	}

	PubsubProto.@Nullable Message get(MessageId id) {
		return this.messages.get(id);
	}

	/**
	 * Returns the ids of a topic's messages to advertise.
	 * @param topic the topic
	 * @return ids from the last {@code historyGossip} windows, newest first
	 */
	List<MessageId> gossipIds(String topic) {
		List<MessageId> ids = new ArrayList<>();
		int window = 0;
		for (List<Entry> entries : this.windows) {
			if (window++ == this.historyGossip) {
				break;
			}
			for (Entry entry : entries) {
				if (entry.topic().equals(topic)) {
					ids.add(entry.id());
				}
			}
		}
		return ids;
	}

	/**
	 * Starts a new window and forgets the oldest; called every heartbeat.
	 */
	void shift() {
		for (Entry entry : this.windows.removeLast()) {
			this.messages.remove(entry.id());
		}
		this.windows.addFirst(new ArrayList<>());
	}

	int size() {
		return this.messages.size();
	}

	private record Entry(MessageId id, String topic) {
	}

}
