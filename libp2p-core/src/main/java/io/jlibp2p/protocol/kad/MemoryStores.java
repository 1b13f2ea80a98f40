package io.jlibp2p.protocol.kad;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.protobuf.ByteString;
import org.jspecify.annotations.Nullable;

import io.jlibp2p.peer.PeerId;

/**
 * The in-memory record and provider stores, bounded in entries and per peer: one peer can
 * fill only its share, not the whole store. Expired entries are dropped when met and make
 * room before a store or a peer's share counts as full.
 */
public final class MemoryStores {

	private MemoryStores() {
	}

	/**
	 * Creates a record store.
	 * @param maxRecords the most records kept
	 * @param maxPerPublisher the most records kept from one peer
	 * @return the store
	 */
	public static RecordStore records(int maxRecords, int maxPerPublisher) {
		return new Records(maxRecords, maxPerPublisher);
	}

	/**
	 * Creates a provider store.
	 * @param maxKeys the most keys with providers kept
	 * @param maxPerKey the most providers kept per key
	 * @param maxKeysPerProvider the most keys kept for one provider
	 * @return the store
	 */
	public static ProviderStore providers(int maxKeys, int maxPerKey, int maxKeysPerProvider) {
		return new Providers(maxKeys, maxPerKey, maxKeysPerProvider);
	}

	private static final class Records implements RecordStore {

		private final int max;

		private final int maxPerPublisher;

		private final Map<ByteString, StoredRecord> records = new HashMap<>();

		private final Map<PeerId, Integer> perPublisher = new HashMap<>();

		Records(int max, int maxPerPublisher) {
			this.max = max;
			this.maxPerPublisher = maxPerPublisher;
		}

		@Override
		public boolean put(StoredRecord record) {
			ByteString key = ByteString.copyFrom(record.key());
			StoredRecord replaced = this.records.get(key);
			PeerId publisher = record.publisher();
			boolean samePublisher = replaced != null && publisher != null && publisher.equals(replaced.publisher());
			if (publisher != null && !samePublisher && count(publisher) >= this.maxPerPublisher) {
				expire(record.receivedAt());
				if (count(publisher) >= this.maxPerPublisher) {
					return false;
				}
			}
			if (replaced == null && this.records.size() >= this.max) {
				expire(record.receivedAt());
				if (this.records.size() >= this.max) {
					return false;
				}
			}
			forget(this.records.put(key, record));
			if (publisher != null) {
				this.perPublisher.merge(publisher, 1, Integer::sum);
			}
			return true;
		}

		private int count(PeerId publisher) {
			return this.perPublisher.getOrDefault(publisher, 0);
		}

		private void expire(Instant now) {
			this.records.values().removeIf((stored) -> {
				if (stored.expiresAt().isBefore(now)) {
					forget(stored);
					return true;
				}
				return false;
			});
		}

		/** Takes a record that left the store off its publisher's count. */
		private void forget(@Nullable StoredRecord gone) {
			if (gone != null && gone.publisher() != null) {
				this.perPublisher.computeIfPresent(gone.publisher(), (peer, count) -> (count > 1) ? count - 1 : null);
			}
		}

		@Override
		public Optional<StoredRecord> get(byte[] key, Instant now) {
			ByteString wrapped = ByteString.copyFrom(key);
			StoredRecord record = this.records.get(wrapped);
			if (record != null && record.expiresAt().isBefore(now)) {
				forget(this.records.remove(wrapped));
				return Optional.empty();
			}
			return Optional.ofNullable(record);
		}

		@Override
		public int size() {
			return this.records.size();
		}

	}

	private static final class Providers implements ProviderStore {

		private final int maxKeys;

		private final int maxPerKey;

		private final int maxKeysPerProvider;

		private final Map<ByteString, LinkedHashMap<PeerId, Provider>> providers = new HashMap<>();

		private final Map<PeerId, Integer> perProvider = new HashMap<>();

		Providers(int maxKeys, int maxPerKey, int maxKeysPerProvider) {
			this.maxKeys = maxKeys;
			this.maxPerKey = maxPerKey;
			this.maxKeysPerProvider = maxKeysPerProvider;
		}

		@Override
		public boolean add(byte[] key, KadPeer provider, Instant expiresAt) {
			ByteString wrapped = ByteString.copyFrom(key);
			LinkedHashMap<PeerId, Provider> known = this.providers.get(wrapped);
			boolean refresh = known != null && known.containsKey(provider.id());
			if (!refresh && this.perProvider.getOrDefault(provider.id(), 0) >= this.maxKeysPerProvider) {
				return false;
			}
			if (known == null) {
				if (this.providers.size() >= this.maxKeys) {
					return false;
				}
				known = new LinkedHashMap<>();
				this.providers.put(wrapped, known);
			}
			forget(known.remove(provider.id()));
			if (known.size() >= this.maxPerKey) {
				PeerId oldest = known.keySet().iterator().next();
				forget(known.remove(oldest));
			}
			known.put(provider.id(), new Provider(provider, expiresAt));
			this.perProvider.merge(provider.id(), 1, Integer::sum);
			return true;
		}

		/** Takes a provider record that left the store off its provider's count. */
		private void forget(@Nullable Provider gone) {
			if (gone != null) {
				this.perProvider.computeIfPresent(gone.peer().id(), (peer, count) -> (count > 1) ? count - 1 : null);
			}
		}

		@Override
		public List<KadPeer> get(byte[] key, Instant now) {
			LinkedHashMap<PeerId, Provider> known = this.providers.get(ByteString.copyFrom(key));
			if (known == null) {
				return List.of();
			}
			known.values().removeIf((provider) -> {
				if (provider.expiresAt().isBefore(now)) {
					forget(provider);
					return true;
				}
				return false;
			});
			List<KadPeer> live = new ArrayList<>();
			known.values().forEach((provider) -> live.add(provider.peer()));
			return live;
		}

		@Override
		public void remove(byte[] key, PeerId provider) {
			ByteString wrapped = ByteString.copyFrom(key);
			LinkedHashMap<PeerId, Provider> known = this.providers.get(wrapped);
			if (known != null) {
				forget(known.remove(provider));
				if (known.isEmpty()) {
					this.providers.remove(wrapped);
				}
			}
		}

		private record Provider(KadPeer peer, Instant expiresAt) {
		}

	}

}
