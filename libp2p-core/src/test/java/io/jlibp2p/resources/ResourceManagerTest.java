package io.jlibp2p.resources;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.multiformats.Cidr;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.resources.ResourceLimits.ScopeLimits;
import io.jlibp2p.transport.Direction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Scopes count streams and memory along their chain, refuse with the scope and resource
 * named, and give everything back on close.
 */
class ResourceManagerTest {

	private static final Multiaddr REMOTE = Multiaddr.parse("/ip4/203.0.113.9/tcp/4001");

	private static final ScopeLimits WIDE = new ScopeLimits(1_000, 1_000, 1 << 30);

	private final PeerId peer = peer();

	private static PeerId peer() {
		return PeerId.fromPublicKey(Keys.generate(KeyType.ED25519).publicKey());
	}

	private static ResourceLimits limits(ScopeLimits system, ScopeLimits negotiating, ScopeLimits protocol,
			ScopeLimits peer, ScopeLimits stream) {
		return new ResourceLimits(system, negotiating, protocol, peer, WIDE, stream, ResourceLimits.Allowlist.NONE);
	}

	@Test
	void aPeerOpensOnlyItsShareOfStreams() {
		ResourceManager manager = new ResourceManager(limits(WIDE, WIDE, WIDE, new ScopeLimits(2, 5, 1 << 20), WIDE));
		ConnectionScope connection = manager.openConnection(this.peer, REMOTE);
		StreamScope first = connection.openStream(Direction.INBOUND);
		connection.openStream(Direction.INBOUND);
		assertThatThrownBy(() -> connection.openStream(Direction.INBOUND))
			.isInstanceOfSatisfying(ResourceLimitException.class, (ex) -> {
				assertThat(ex.scope()).isEqualTo(ScopeKind.PEER);
				assertThat(ex.resource()).isEqualTo(Resource.STREAMS_INBOUND);
				assertThat(ex).hasMessageContaining("peer scope " + this.peer)
					.hasMessageContaining("limit of 2 streams inbound");
			});
		assertThat(manager.blocked(ScopeKind.PEER, Resource.STREAMS_INBOUND)).isOne();
		assertThat(connection.openStream(Direction.OUTBOUND)).as("outbound has its own limit").isNotNull();
		ConnectionScope second = manager.openConnection(this.peer, REMOTE);
		assertThatThrownBy(() -> second.openStream(Direction.INBOUND)).as("the peer's share spans its connections")
			.isInstanceOf(ResourceLimitException.class);
		first.close();
		first.close();
		assertThat(second.openStream(Direction.INBOUND)).isNotNull();
	}

	@Test
	void streamsWaitInTheTransientScopeUntilTheirProtocolIsAgreed() {
		ResourceManager manager = new ResourceManager(
				limits(WIDE, new ScopeLimits(1, 1, 1 << 20), new ScopeLimits(1, 1, 1 << 20), WIDE, WIDE));
		ConnectionScope connection = manager.openConnection(this.peer, REMOTE);
		StreamScope negotiating = connection.openStream(Direction.INBOUND);
		assertThatThrownBy(() -> connection.openStream(Direction.INBOUND)).isInstanceOfSatisfying(
				ResourceLimitException.class, (ex) -> assertThat(ex.scope()).isEqualTo(ScopeKind.TRANSIENT));
		negotiating.setProtocol("/ipfs/ping/1.0.0");
		StreamScope next = connection.openStream(Direction.INBOUND);
		assertThatThrownBy(() -> next.setProtocol("/ipfs/ping/1.0.0")).isInstanceOfSatisfying(
				ResourceLimitException.class, (ex) -> assertThat(ex.scope()).isEqualTo(ScopeKind.PROTOCOL));
		next.setProtocol("/ipfs/id/1.0.0");
		assertThat(manager.usage(10)).filteredOn((usage) -> usage.scope() == ScopeKind.PROTOCOL)
			.extracting(ScopeUsage::name, ScopeUsage::streamsInbound)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("/ipfs/id/1.0.0", 1),
					org.assertj.core.groups.Tuple.tuple("/ipfs/ping/1.0.0", 1));
	}

	@Test
	void memoryIsReservedAlongTheWholeChainOrNotAtAll() {
		ResourceManager manager = new ResourceManager(limits(new ScopeLimits(100, 100, 1_000), WIDE, WIDE,
				new ScopeLimits(100, 100, 600), new ScopeLimits(1, 1, 400)));
		ConnectionScope connection = manager.openConnection(this.peer, REMOTE);
		StreamScope stream = connection.openStream(Direction.INBOUND);
		assertThatThrownBy(() -> stream.reserveMemory(500)).isInstanceOfSatisfying(ResourceLimitException.class,
				(ex) -> assertThat(ex.scope()).isEqualTo(ScopeKind.STREAM));
		stream.reserveMemory(400);
		StreamScope sibling = connection.openStream(Direction.INBOUND);
		assertThatThrownBy(() -> sibling.reserveMemory(300)).as("the peer's 600 would overflow")
			.isInstanceOf(ResourceLimitException.class);
		assertThat(manager.blocked(ScopeKind.PEER, Resource.MEMORY)).isOne();
		StreamScope stranger = manager.openConnection(peer(), REMOTE).openStream(Direction.INBOUND);
		stranger.reserveMemory(400);
		StreamScope third = manager.openConnection(peer(), REMOTE).openStream(Direction.INBOUND);
		assertThatThrownBy(() -> third.reserveMemory(300)).as("the system's 1 000 would overflow")
			.isInstanceOfSatisfying(ResourceLimitException.class,
					(ex) -> assertThat(ex.scope()).isEqualTo(ScopeKind.SYSTEM));
		assertThat(manager.usage(10).get(0)).satisfies((system) -> {
			assertThat(system.scope()).isEqualTo(ScopeKind.SYSTEM);
			assertThat(system.memory()).isEqualTo(800);
			assertThat(system.streamsInbound()).isEqualTo(4);
		});
		stream.close();
		sibling.reserveMemory(300);
		assertThat(sibling.memory()).isEqualTo(300);
	}

	@Test
	void spareMemoryIsReservedOnlyWithinHalfOfEveryScope() {
		ResourceManager manager = new ResourceManager(
				limits(WIDE, WIDE, WIDE, new ScopeLimits(100, 100, 1_000), new ScopeLimits(1, 1, 1_000)));
		StreamScope stream = manager.openConnection(this.peer, REMOTE).openStream(Direction.INBOUND);
		assertThat(stream.tryReserveSpareMemory(600)).as("past half the peer's 1 000").isFalse();
		assertThat(stream.tryReserveSpareMemory(500)).isTrue();
		assertThat(stream.isMemoryShort()).isFalse();
		stream.reserveMemory(1);
		assertThat(stream.isMemoryShort()).isTrue();
		assertThat(manager.blocked(ScopeKind.PEER, Resource.MEMORY)).as("a spare reservation refuses nothing").isZero();
		StreamScope trusted = new ResourceManager(
				limits(WIDE, WIDE, WIDE, new ScopeLimits(100, 100, 1_000), new ScopeLimits(1, 1, 1_000))
					.withAllowlist(new ResourceLimits.Allowlist(Set.of(this.peer), List.of())))
			.openConnection(this.peer, REMOTE)
			.openStream(Direction.INBOUND);
		assertThat(trusted.tryReserveSpareMemory(900)).isTrue();
		assertThat(trusted.isMemoryShort()).isFalse();
	}

	@Test
	void closingEverythingGivesEverythingBackAndForgetsThePeer() {
		ResourceManager manager = new ResourceManager(ResourceLimits.scaledTo(256L << 20));
		ConnectionScope connection = manager.openConnection(this.peer, REMOTE);
		StreamScope stream = connection.openStream(Direction.OUTBOUND);
		stream.reserveMemory(4096);
		stream.setProtocol("/meshsub/1.1.0");
		assertThat(manager.usage(10)).extracting(ScopeUsage::scope)
			.containsExactly(ScopeKind.SYSTEM, ScopeKind.TRANSIENT, ScopeKind.PROTOCOL, ScopeKind.PEER);
		stream.close();
		connection.close();
		assertThat(manager.usage(10)).extracting(ScopeUsage::scope)
			.containsExactly(ScopeKind.SYSTEM, ScopeKind.TRANSIENT);
		assertThat(manager.usage(10).get(0)).satisfies((system) -> {
			assertThat(system.memory()).isZero();
			assertThat(system.streamsOutbound()).isZero();
		});
	}

	@Test
	void allowlistedPeersAndNetworksAreCountedButNeverRefused() {
		PeerId trusted = peer();
		ResourceLimits tight = limits(new ScopeLimits(1, 1, 10), WIDE, WIDE, WIDE, WIDE)
			.withAllowlist(new ResourceLimits.Allowlist(Set.of(trusted), List.of(Cidr.parse("10.0.0.0/8"))));
		ResourceManager manager = new ResourceManager(tight);
		for (ConnectionScope connection : List.of(manager.openConnection(trusted, REMOTE),
				manager.openConnection(this.peer, Multiaddr.parse("/ip4/10.1.2.3/tcp/1")))) {
			assertThat(connection.isAllowlisted()).isTrue();
			connection.openStream(Direction.INBOUND).reserveMemory(100);
		}
		assertThat(manager.usage(0).get(0).streamsInbound()).isEqualTo(2);
		assertThatThrownBy(() -> manager.openConnection(peer(), REMOTE).openStream(Direction.INBOUND))
			.isInstanceOf(ResourceLimitException.class);
	}

	@Test
	void socketsAreCountedAgainstTheFileDescriptorLimit() {
		ResourceManager manager = new ResourceManager(ResourceLimits.scaledTo(64L << 20).withFileDescriptors(2));
		assertThat(manager.tryOpenFileDescriptor()).isTrue();
		assertThat(manager.tryOpenFileDescriptor()).isTrue();
		assertThat(manager.tryOpenFileDescriptor()).isFalse();
		assertThat(manager.blocked(ScopeKind.SYSTEM, Resource.FILE_DESCRIPTORS)).isOne();
		assertThat(manager.systemUsage().fileDescriptors()).isEqualTo(2);
		manager.closeFileDescriptor();
		assertThat(manager.tryOpenFileDescriptor()).isTrue();
		assertThat(ResourceLimits.DEFAULT.fileDescriptors()).as("half of this process's limit").isPositive();
	}

	@Test
	void defaultsScaleWithTheHeap() {
		ResourceLimits small = ResourceLimits.scaledTo(64L << 20);
		ResourceLimits large = ResourceLimits.scaledTo(8L << 30);
		assertThat(small.system().memory()).isEqualTo(32L << 20);
		assertThat(large.system().memory()).isEqualTo(1L << 30);
		assertThat(small.system().streamsInbound()).isEqualTo(512);
		assertThat(large.system().streamsInbound()).isEqualTo(8192);
		assertThat(large.peer().memory()).isEqualTo(large.system().memory() / 8);
	}

}
