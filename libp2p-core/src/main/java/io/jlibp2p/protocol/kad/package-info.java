/**
 * The Kademlia DHT ({@code /ipfs/kad/1.0.0}): keys and distances, the routing table and
 * the wire messages.
 */
@NullMarked
package io.jlibp2p.protocol.kad;

import org.jspecify.annotations.NullMarked;
