package io.jlibp2p.protocol.kad;

import java.time.Instant;
import java.util.List;

import io.jlibp2p.peer.PeerId;

/**
 * Where a DHT node keeps provider records: which peers said they can provide a key.
 * Called on the swarm's thread only.
 */
public interface ProviderStore {

	/**
	 * Adds or refreshes a provider of a key.
	 * @param key the key (a multihash)
	 * @param provider the provider
	 * @param expiresAt when the record expires
	 * @return {@code false} if the store is full, or holds as many keys of the provider
	 * as one peer may provide
	 */
	boolean add(byte[] key, KadPeer provider, Instant expiresAt);

	/**
	 * Returns the providers of a key.
	 * @param key the key
	 * @param now the current time, to skip expired records
	 * @return the providers
	 */
	List<KadPeer> get(byte[] key, Instant now);

	/**
	 * Removes one provider of a key.
	 * @param key the key
	 * @param provider the provider's PeerId
	 */
	void remove(byte[] key, PeerId provider);

}
