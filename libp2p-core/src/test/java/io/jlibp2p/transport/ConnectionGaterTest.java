package io.jlibp2p.transport;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.jlibp2p.multiformats.Cidr;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.testing.Nodes;
import io.jlibp2p.transport.ConnectionGater.Checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The gater's five checkpoints on two swarms over loopback TCP, and the built-in allow
 * and block lists: each refusal fails the dial, leaves no connection on either side and
 * is counted where it happened.
 */
class ConnectionGaterTest {

	private final Nodes nodes = new Nodes();

	@AfterEach
	void close() {
		this.nodes.close();
	}

	private Swarm node(ConnectionGater gater) {
		Swarm swarm = this.nodes.swarm((builder) -> builder.gater(gater));
		swarm.listen(Nodes.LOOPBACK_TCP).join();
		return swarm;
	}

	/** Refuses at one checkpoint only. */
	private static ConnectionGater refusingAt(Checkpoint refused) {
		return new ConnectionGater() {

			@Override
			public boolean allowPeerDial(PeerId peer) {
				return refused != Checkpoint.PEER_DIAL;
			}

			@Override
			public boolean allowAddressDial(@Nullable PeerId peer, Multiaddr address) {
				return refused != Checkpoint.ADDRESS_DIAL;
			}

			@Override
			public boolean allowAccept(Multiaddr remoteAddress) {
				return refused != Checkpoint.ACCEPT;
			}

			@Override
			public boolean allowSecured(PeerId peer, Direction direction, Multiaddr remoteAddress) {
				return refused != Checkpoint.SECURED;
			}

			@Override
			public boolean allowUpgraded(Connection connection) {
				return refused != Checkpoint.UPGRADED;
			}

		};
	}

	@ParameterizedTest
	@EnumSource(Checkpoint.class)
	void aRefusalAtEachCheckpointFailsTheDialAndIsCounted(Checkpoint checkpoint) {
		boolean dialSide = checkpoint == Checkpoint.PEER_DIAL || checkpoint == Checkpoint.ADDRESS_DIAL;
		Swarm dialer = node(dialSide ? refusingAt(checkpoint) : ConnectionGater.ALLOW_ALL);
		Swarm listener = node(dialSide ? ConnectionGater.ALLOW_ALL : refusingAt(checkpoint));
		if (checkpoint == Checkpoint.UPGRADED) {
			// The dialer may finish its upgrade first: the listener's refusal then closes
			// the connection the dialer already has.
			dialer.dial(Nodes.dialable(listener)).handle((connection, failure) -> null).join();
		}
		else {
			assertThatThrownBy(() -> dialer.dial(Nodes.dialable(listener)).join())
				.isInstanceOf(CompletionException.class);
		}
		Swarm refusing = dialSide ? dialer : listener;
		await().atMost(10, TimeUnit.SECONDS).until(() -> refusing.metrics().gaterRefusals(checkpoint) == 1);
		await().atMost(10, TimeUnit.SECONDS)
			.until(() -> dialer.connections().isEmpty() && listener.connections().isEmpty());
		for (Checkpoint other : Checkpoint.values()) {
			if (other != checkpoint) {
				assertThat(refusing.metrics().gaterRefusals(other)).as(other.name()).isZero();
			}
		}
	}

	@ParameterizedTest
	@EnumSource(value = Checkpoint.class, names = { "SECURED", "UPGRADED" })
	void theDialerRefusesOnceSecuredOrUpgradedToo(Checkpoint checkpoint) {
		Swarm dialer = node(refusingAt(checkpoint));
		Swarm listener = node(ConnectionGater.ALLOW_ALL);
		assertThatThrownBy(() -> dialer.dial(Nodes.dialable(listener)).join()).hasCauseInstanceOf(GatedException.class);
		assertThat(dialer.metrics().gaterRefusals(checkpoint)).isEqualTo(1);
		assertThat(dialer.connections()).isEmpty();
	}

	@Test
	void deniedAndBlockedPeersStayOutAndUnblockedOnesGetIn() {
		Swarm listener = node(ConnectionGater.ALLOW_ALL);
		AllowBlockGater lists = new AllowBlockGater(Set.of(), Set.of(), List.of(), List.of());
		Swarm dialer = node(lists);
		assertThat(lists.block(listener.localPeer())).isTrue();
		assertThatThrownBy(() -> dialer.dial(Nodes.dialable(listener)).join()).hasCauseInstanceOf(GatedException.class);
		assertThat(dialer.metrics().gaterRefusals(Checkpoint.PEER_DIAL)).isEqualTo(1);
		assertThat(lists.blockedPeers()).containsExactly(listener.localPeer());

		AllowBlockGater keepOut = new AllowBlockGater(Set.of(), Set.of(dialer.localPeer()), List.of(), List.of());
		Swarm guarded = node(keepOut);
		assertThat(lists.unblock(listener.localPeer())).isTrue();
		assertThatThrownBy(() -> dialer.dial(Nodes.dialable(guarded)).join()).isInstanceOf(CompletionException.class);
		assertThat(guarded.metrics().gaterRefusals(Checkpoint.SECURED)).isEqualTo(1);
		assertThat(dialer.dial(Nodes.dialable(listener)).join().remotePeer()).isEqualTo(listener.localPeer());
	}

	@Test
	void withAnAllowListOnlyAllowedPeersGetIn() {
		Swarm friend = node(ConnectionGater.ALLOW_ALL);
		Swarm stranger = node(ConnectionGater.ALLOW_ALL);
		Swarm guarded = node(new AllowBlockGater(Set.of(friend.localPeer()), Set.of(), List.of(), List.of()));
		assertThat(friend.dial(Nodes.dialable(guarded)).join().remotePeer()).isEqualTo(guarded.localPeer());
		assertThatThrownBy(() -> stranger.dial(Nodes.dialable(guarded)).join()).isInstanceOf(CompletionException.class);
		assertThat(guarded.metrics().gaterRefusals(Checkpoint.SECURED)).isEqualTo(1);
		assertThatThrownBy(() -> guarded.dial(Nodes.dialable(stranger)).join())
			.hasCauseInstanceOf(GatedException.class);
	}

	@Test
	void aDeniedNetworkIsRefusedBeforeAnyHandshake() {
		Swarm guarded = node(new AllowBlockGater(Set.of(), Set.of(), List.of(), List.of(Cidr.parse("127.0.0.0/8"))));
		Swarm other = node(ConnectionGater.ALLOW_ALL);
		assertThatThrownBy(() -> other.dial(Nodes.dialable(guarded)).join()).isInstanceOf(CompletionException.class);
		await().atMost(10, TimeUnit.SECONDS).until(() -> guarded.metrics().gaterRefusals(Checkpoint.ACCEPT) == 1);
		assertThat(guarded.metrics().upgradeFailures(NetworkMetrics.UpgradeFailure.HANDSHAKE)).isZero();
		assertThatThrownBy(() -> guarded.dial(Nodes.dialable(other)).join()).hasCauseInstanceOf(GatedException.class);
		assertThat(guarded.metrics().gaterRefusals(Checkpoint.ADDRESS_DIAL)).isEqualTo(1);
	}

}
