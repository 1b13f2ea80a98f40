/**
 * Multicast DNS discovery ({@code _p2p._udp.local}): nodes on one link announce their
 * addresses and learn each other's without any configured peer.
 *
 * @see <a href="https://github.com/libp2p/specs/blob/master/discovery/mdns.md">mDNS
 * spec</a>
 */
@NullMarked
package io.jlibp2p.protocol.mdns;

import org.jspecify.annotations.NullMarked;
