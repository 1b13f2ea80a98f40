package io.jlibp2p.transport;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import io.jlibp2p.multiformats.Cidr;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.peer.PeerId;

/**
 * Allow and deny lists of peers and networks, and a block list that changes at run time
 * (rust-libp2p's {@code allow_block_list}, go-libp2p's {@code BasicConnectionGater}).
 *
 * <ul>
 * <li>A denied or blocked peer, and an address in a denied network, never get in or out:
 * deny wins.</li>
 * <li>With an allow list set (peers, networks or both), a connection gets in only if its
 * peer is allowed or its address lies in an allowed network; nothing else does.</li>
 * <li>Each rule is applied at the first checkpoint that knows enough: networks on accept
 * and dial, peers on dial and after the security handshake.</li>
 * </ul>
 * Thread-safe.
 */
public final class AllowBlockGater implements ConnectionGater {

	private final Set<PeerId> allowPeers;

	private final Set<PeerId> denyPeers;

	private final List<Cidr> allowNetworks;

	private final List<Cidr> denyNetworks;

	private final Set<PeerId> blocked = ConcurrentHashMap.newKeySet();

	/**
	 * Creates the lists.
	 * @param allowPeers peers let in; with this or {@code allowNetworks} set, only they
	 * are
	 * @param denyPeers peers kept out
	 * @param allowNetworks networks let in
	 * @param denyNetworks networks kept out
	 */
	public AllowBlockGater(Collection<PeerId> allowPeers, Collection<PeerId> denyPeers, Collection<Cidr> allowNetworks,
			Collection<Cidr> denyNetworks) {
		this.allowPeers = Set.copyOf(allowPeers);
		this.denyPeers = Set.copyOf(denyPeers);
		this.allowNetworks = List.copyOf(allowNetworks);
		this.denyNetworks = List.copyOf(denyNetworks);
	}

	/**
	 * Blocks a peer from now on; its connections are the caller's to close.
	 * @param peer the peer
	 * @return {@code false} if it was blocked already
	 */
	public boolean block(PeerId peer) {
		return this.blocked.add(peer);
	}

	/**
	 * Lifts a block.
	 * @param peer the peer
	 * @return {@code false} if it was not blocked
	 */
	public boolean unblock(PeerId peer) {
		return this.blocked.remove(peer);
	}

	/**
	 * Returns the peers blocked at run time.
	 * @return the peers, sorted
	 */
	public Set<PeerId> blockedPeers() {
		return new TreeSet<>(this.blocked);
	}

	public Set<PeerId> allowPeers() {
		return this.allowPeers;
	}

	public Set<PeerId> denyPeers() {
		return this.denyPeers;
	}

	public List<Cidr> allowNetworks() {
		return this.allowNetworks;
	}

	public List<Cidr> denyNetworks() {
		return this.denyNetworks;
	}

	@Override
	public boolean allowPeerDial(PeerId peer) {
		return !denied(peer) && (!hasAllowList() || this.allowPeers.contains(peer) || !this.allowNetworks.isEmpty());
	}

	@Override
	public boolean allowAddressDial(@Nullable PeerId peer, Multiaddr address) {
		if (inAny(this.denyNetworks, address) || (peer != null && denied(peer))) {
			return false;
		}
		return !hasAllowList() || inAny(this.allowNetworks, address) || peer == null || this.allowPeers.contains(peer);
	}

	@Override
	public boolean allowAccept(Multiaddr remoteAddress) {
		if (inAny(this.denyNetworks, remoteAddress)) {
			return false;
		}
		// The peer is not known yet: only a pure network allow list can refuse here.
		return this.allowNetworks.isEmpty() || !this.allowPeers.isEmpty() || inAny(this.allowNetworks, remoteAddress);
	}

	@Override
	public boolean allowSecured(PeerId peer, Direction direction, Multiaddr remoteAddress) {
		return allowed(peer, remoteAddress);
	}

	@Override
	public boolean allowUpgraded(Connection connection) {
		return allowed(connection.remotePeer(), connection.remoteAddress());
	}

	private boolean allowed(PeerId peer, Multiaddr address) {
		if (denied(peer) || inAny(this.denyNetworks, address)) {
			return false;
		}
		return !hasAllowList() || this.allowPeers.contains(peer) || inAny(this.allowNetworks, address);
	}

	private boolean denied(PeerId peer) {
		return this.denyPeers.contains(peer) || this.blocked.contains(peer);
	}

	private boolean hasAllowList() {
		return !this.allowPeers.isEmpty() || !this.allowNetworks.isEmpty();
	}

	private static boolean inAny(List<Cidr> networks, Multiaddr address) {
		for (Cidr network : networks) {
			if (network.contains(address)) {
				return true;
			}
		}
		return false;
	}

}
