package io.jlibp2p.protocol.identify;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.netty.channel.Channel;
import io.netty.handler.timeout.ReadTimeoutHandler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jlibp2p.codec.UvarintFrameDecoder;
import io.jlibp2p.codec.Uvarints;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.muxer.StreamChannel;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.peer.PeerRecord;
import io.jlibp2p.swarm.NetworkBehaviour;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.transport.Connection;
import io.jlibp2p.transport.StreamHandler;

/**
 * The identify behaviour: asks every new connection's peer who it is, answers the same
 * question, pushes this node's new addresses and protocols to connected peers, and feeds
 * what it learns into the peer store. A peer whose identify key is not the key it
 * authenticated with is not believed.
 */
public final class Identify implements NetworkBehaviour {

	/** The identify protocol id. */
	public static final String ID = "/ipfs/id/1.0.0";

	/** The identify push protocol id. */
	public static final String PUSH_ID = "/ipfs/id/push/1.0.0";

	private static final Logger logger = LoggerFactory.getLogger(Identify.class);

	private final IdentifyConfig config;

	private final List<Consumer<IdentifyEvent>> listeners = new CopyOnWriteArrayList<>();

	private @Nullable Swarm swarm;

	private volatile @Nullable SignedRecord record;

	/**
	 * Creates the behaviour.
	 * @param config the settings
	 */
	public Identify(IdentifyConfig config) {
		this.config = config;
	}

	/**
	 * Returns the settings.
	 * @return the configuration
	 */
	public IdentifyConfig config() {
		return this.config;
	}

	@Override
	public Map<String, StreamHandler> protocols() {
		return Map.of(ID, this::respond, PUSH_ID, this::receivePush);
	}

	@Override
	public void attached(Swarm swarm) {
		this.swarm = swarm;
	}

	/**
	 * Registers a listener for identify results, called on the swarm's thread.
	 * @param listener the listener
	 */
	public void addListener(Consumer<IdentifyEvent> listener) {
		this.listeners.add(listener);
	}

	@Override
	public void connectionEstablished(Connection connection) {
		identify(connection).exceptionally((failure) -> {
			logger.debug("identify of {} failed: {}", connection.remotePeer(), failure.getMessage());
			return null;
		});
	}

	/**
	 * Asks the peer of a connection to identify itself.
	 * @param connection the connection
	 * @return what the peer said, once it has been checked and stored
	 */
	public CompletableFuture<IdentifyInfo> identify(Connection connection) {
		CompletableFuture<IdentifyInfo> result = new CompletableFuture<>();
		connection.newStream(List.of(ID), (c, stream) -> installReader(stream, result)).exceptionally((failure) -> {
			result.completeExceptionally(failure);
			return null;
		});
		return result.thenApply((info) -> accept(connection.remotePeer(), info, false));
	}

	private void installReader(StreamChannel stream, CompletableFuture<IdentifyInfo> result) {
		stream.pipeline()
			.addLast(new ReadTimeoutHandler(this.config.timeout().toMillis(), TimeUnit.MILLISECONDS))
			.addLast(new UvarintFrameDecoder(IdentifyMessages.MAX_MESSAGE_LENGTH))
			.addLast(new IdentifyReader(result));
	}

	private void respond(Connection connection, StreamChannel stream) {
		send(stream, connection);
	}

	private void receivePush(Connection connection, StreamChannel stream) {
		CompletableFuture<IdentifyInfo> result = new CompletableFuture<>();
		installReader(stream, result);
		result.thenApply((info) -> accept(connection.remotePeer(), info, true)).exceptionally((failure) -> {
			logger.debug("identify push from {} failed: {}", connection.remotePeer(), failure.getMessage());
			return null;
		});
	}

	/**
	 * Pushes this node's current identify to every connected peer.
	 */
	public void push() {
		Swarm swarm = this.swarm;
		if (swarm == null) {
			return;
		}
		for (Connection connection : swarm.connections()) {
			connection.newStream(List.of(PUSH_ID), (c, stream) -> send(stream, c)).exceptionally((failure) -> {
				logger.debug("identify push to {} failed: {}", connection.remotePeer(), failure.getMessage());
				return null;
			});
		}
	}

	@Override
	public void localInfoChanged() {
		if (this.config.push()) {
			push();
		}
	}

	private void send(Channel stream, Connection connection) {
		stream.writeAndFlush(Uvarints.frame(localMessage(connection)))
			.addListener((written) -> ((StreamChannel) stream).shutdownOutput().addListener((shut) -> stream.close()));
	}

	private byte[] localMessage(Connection connection) {
		Swarm swarm = this.swarm;
		if (swarm == null) {
			throw new IllegalStateException("identify is not part of a swarm");
		}
		byte[] record = signedRecord(swarm);
		IdentifyInfo info = new IdentifyInfo(swarm.identity().publicKey(), this.config.protocolVersion(),
				this.config.agentVersion(), swarm.advertisedAddresses(), connection.remoteAddress(), swarm.protocols(),
				null);
		return IdentifyMessages.encode(info, record);
	}

	/**
	 * Returns this node's signed peer record for its current addresses, signing a new one
	 * (with a new sequence number) only when the addresses changed: every response and
	 * push would otherwise sign again and tell peers the record changed when it did not.
	 */
	private byte[] signedRecord(Swarm swarm) {
		List<Multiaddr> addresses = swarm.advertisedAddresses();
		SignedRecord current = this.record;
		if (current == null || !current.addresses().equals(addresses)) {
			current = new SignedRecord(addresses,
					PeerRecord.create(swarm.localPeer(), addresses).seal(swarm.identity()).marshal());
			this.record = current;
		}
		return current.envelope();
	}

	private record SignedRecord(List<Multiaddr> addresses, byte[] envelope) {
	}

	private IdentifyInfo accept(PeerId peer, IdentifyInfo info, boolean pushed) {
		if (info.publicKey() != null && !peer.matches(info.publicKey())) {
			throw new IdentifyException("peer " + peer + " identified with another peer's key");
		}
		Swarm swarm = this.swarm;
		if (swarm != null) {
			swarm.peerProtocolsUpdated(peer, info.protocols(), info.listenAddresses(), this.config.addressTtl());
			if (info.signedPeerRecord() != null) {
				swarm.peerStore().setSignedPeerRecord(info.signedPeerRecord());
			}
			if (info.agentVersion() != null) {
				swarm.peerStore().setAgentVersion(peer, info.agentVersion());
			}
			IdentifyEvent event = new IdentifyEvent(peer, info, pushed);
			swarm.execute(() -> this.listeners.forEach((listener) -> listener.accept(event)));
		}
		return info;
	}

}
