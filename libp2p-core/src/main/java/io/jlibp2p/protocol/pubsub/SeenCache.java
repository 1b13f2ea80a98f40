package io.jlibp2p.protocol.pubsub;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of messages seen recently, to drop duplicates: each is kept for a time to live
 * and the oldest go first when the cache is full. Used on the swarm's thread only.
 */
final class SeenCache {

	private final Duration ttl;

	private final int capacity;

	private final LinkedHashMap<MessageId, Instant> seen = new LinkedHashMap<>();

	SeenCache(Duration ttl, int capacity) {
		this.ttl = ttl;
		this.capacity = capacity;
	}

	/**
	 * Records an id.
	 * @param id the id
	 * @param now the current time
	 * @return {@code true} if it was not seen within the time to live
	 */
	boolean add(MessageId id, Instant now) {
		expire(now);
		if (this.seen.containsKey(id)) {
			return false;
		}
		if (this.seen.size() >= this.capacity) {
			Iterator<MessageId> oldest = this.seen.keySet().iterator();
			oldest.next();
			oldest.remove();
		}
		this.seen.put(id, now.plus(this.ttl));
		return true;
	}

	/**
	 * Returns whether an id was seen within the time to live.
	 * @param id the id
	 * @param now the current time
	 * @return {@code true} for a duplicate
	 */
	boolean contains(MessageId id, Instant now) {
		Instant expiry = this.seen.get(id);
		return expiry != null && expiry.isAfter(now);
	}

	int size() {
		return this.seen.size();
	}

	private void expire(Instant now) {
		Iterator<Map.Entry<MessageId, Instant>> entries = this.seen.entrySet().iterator();
		while (entries.hasNext()) {
			if (entries.next().getValue().isAfter(now)) {
				return;
			}
			entries.remove();
		}
	}

}
