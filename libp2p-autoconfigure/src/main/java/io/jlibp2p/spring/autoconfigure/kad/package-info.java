/**
 * Auto-configuration of the Kademlia DHT: the behaviour from {@code libp2p.kad.*}, its
 * meters and the REST API under {@code /libp2p/dht}.
 */
@NullMarked
package io.jlibp2p.spring.autoconfigure.kad;

import org.jspecify.annotations.NullMarked;
