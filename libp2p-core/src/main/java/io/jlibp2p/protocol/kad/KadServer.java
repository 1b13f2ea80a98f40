package io.jlibp2p.protocol.kad;

import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.google.protobuf.ByteString;
import org.jspecify.annotations.Nullable;

import io.jlibp2p.internal.proto.KadProto;
import io.jlibp2p.muxer.StreamChannel;
import io.jlibp2p.muxer.StreamFailedEvent;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.transport.Connection;

/**
 * The DHT's server side: answers FIND_NODE, GET_VALUE, PUT_VALUE, ADD_PROVIDER,
 * GET_PROVIDERS and PING on streams peers open. A request that does not parse or breaks a
 * rule resets its stream and is counted.
 */
final class KadServer {

	/**
	 * Requests one stream may have waiting for an answer: a client asks one at a time
	 * (go, js and rust do); more is a peer queueing work on the swarm's thread.
	 */
	static final int MAX_PENDING_PER_STREAM = 4;

	/** Requests all streams together may have waiting for an answer. */
	static final int MAX_PENDING = 1024;

	private final AtomicInteger pending = new AtomicInteger();

	private final KadConfig config;

	private final RecordStore records;

	private final ProviderStore providers;

	private final RoutingTable table;

	private final Supplier<Instant> clock;

	private final Executor swarmThread;

	private final AtomicLong malformed;

	/**
	 * Creates the server.
	 * @param config the settings
	 * @param records the record store
	 * @param providers the provider store
	 * @param table the routing table closer peers come from
	 * @param clock the swarm's clock
	 * @param swarmThread where requests are answered, beside the table and stores
	 * @param malformed the count of invalid messages
	 */
	KadServer(KadConfig config, RecordStore records, ProviderStore providers, RoutingTable table,
			Supplier<Instant> clock, Executor swarmThread, AtomicLong malformed) {
		this.config = config;
		this.records = records;
		this.providers = providers;
		this.table = table;
		this.clock = clock;
		this.swarmThread = swarmThread;
		this.malformed = malformed;
	}

	/**
	 * Serves a stream a peer opened; it may carry several requests. Once the peer has
	 * half-closed it and every request is answered, this side closes too (rust and js
	 * close a request's stream after the answer; holding the other half open until the
	 * idle timeout of six request timeouts would count against the peer's stream limit).
	 * @param connection the connection
	 * @param stream the stream
	 */
	void serve(Connection connection, StreamChannel stream) {
		AtomicInteger onStream = new AtomicInteger();
		AtomicBoolean peerDone = new AtomicBoolean();
		Runnable closeWhenDone = () -> {
			if (peerDone.get() && onStream.get() == 0) {
				stream.shutdownOutput();
			}
		};
		KadStream.install(stream, this.config.limits().maxMessageSize(),
				this.config.timeouts().request().toMillis() * 6, (bytes) -> {
					if (!reserve(onStream)) {
						stream.fail(StreamFailedEvent.Cause.LIMIT, "too many kad requests waiting for an answer");
						return;
					}
					this.swarmThread.execute(() -> {
						try {
							answer(connection.remotePeer(), stream, bytes);
						}
						finally {
							onStream.decrementAndGet();
							this.pending.decrementAndGet();
							closeWhenDone.run();
						}
					});
				}, () -> {
					peerDone.set(true);
					closeWhenDone.run();
				});
	}

	/** Takes a place for one more waiting request, on the stream and in all. */
	private boolean reserve(AtomicInteger onStream) {
		if (onStream.incrementAndGet() > MAX_PENDING_PER_STREAM) {
			onStream.decrementAndGet();
			return false;
		}
		if (this.pending.incrementAndGet() > MAX_PENDING) {
			this.pending.decrementAndGet();
			onStream.decrementAndGet();
			return false;
		}
		return true;
	}

	private void answer(PeerId from, StreamChannel stream, byte[] bytes) {
		KadProto.@Nullable Message response;
		try {
			response = respond(from, KadMessages.decode(bytes, this.config.k(), this.config.limits().maxRecordSize()));
		}
		catch (StoreFullException ex) {
			stream.fail(StreamFailedEvent.Cause.LIMIT, ex.getMessage());
			return;
		}
		catch (KadException ex) {
			this.malformed.incrementAndGet();
			stream.fail(StreamFailedEvent.Cause.MALFORMED, "kad request refused: " + ex.getMessage());
			return;
		}
		if (response != null) {
			KadStream.write(stream, response.toByteArray());
		}
	}

	private KadProto.@Nullable Message respond(PeerId from, KadProto.Message request) {
		Instant now = this.clock.get();
		byte[] key = request.getKey().toByteArray();
		KadProto.Message.Builder response = KadProto.Message.newBuilder()
			.setType(request.getType())
			.setKey(request.getKey());
		switch (request.getType()) {
			case FIND_NODE -> addCloserPeers(response, key, from);
			case GET_VALUE -> {
				this.records.get(key, now)
					.ifPresent((record) -> response.setRecord(KadProto.Record.newBuilder()
						.setKey(ByteString.copyFrom(record.key()))
						.setValue(ByteString.copyFrom(record.value()))
						.setTimeReceived(record.receivedAt().toString())));
				addCloserPeers(response, key, from);
			}
			case PUT_VALUE -> {
				KadProto.Record record = request.getRecord();
				if (!record.getKey().equals(request.getKey())) {
					throw new KadException("the record's key is not the message's key");
				}
				RecordValidator.check(this.config.validators(), key, record.getValue().toByteArray());
				if (!this.records.put(new RecordStore.StoredRecord(key, record.getValue().toByteArray(), from, now,
						now.plus(this.config.lifetimes().record())))) {
					throw new StoreFullException("the record store takes no more records from " + from);
				}
				return request;
			}
			case ADD_PROVIDER -> {
				for (KadPeer provider : KadMessages.peers(request.getProviderPeersList())) {
					// Only the sender may announce itself.
					if (provider.id().equals(from)
							&& !this.providers.add(key, provider, now.plus(this.config.lifetimes().provider()))) {
						throw new StoreFullException("the provider store takes no more keys from " + from);
					}
				}
				// Like go and rust, no answer: the sender does not wait for one.
				return null;
			}
			case GET_PROVIDERS -> {
				this.providers.get(key, now)
					.stream()
					.limit(this.config.k())
					.forEach((provider) -> response.addProviderPeers(KadMessages.peer(filtered(provider))));
				addCloserPeers(response, key, from);
			}
			case PING -> {
			}
			default -> throw new KadException("unknown message type " + request.getTypeValue());
		}
		return response.build();
	}

	private void addCloserPeers(KadProto.Message.Builder response, byte[] key, PeerId requester) {
		for (RoutingTable.Entry entry : this.table.closest(KadKey.of(key), this.config.k() + 1)) {
			if (!entry.peer().equals(requester) && response.getCloserPeersCount() < this.config.k()) {
				response.addCloserPeers(KadMessages.peer(filtered(new KadPeer(entry.peer(), entry.addresses()))));
			}
		}
	}

	private KadPeer filtered(KadPeer peer) {
		return new KadPeer(peer.id(), this.config.addressFilter().apply(peer.addresses()));
	}

	/** A store refused a peer's record: it is full, or the peer used up its share. */
	private static final class StoreFullException extends KadException {

		private static final long serialVersionUID = 1L;

		StoreFullException(String message) {
			super(message);
		}

	}

}
