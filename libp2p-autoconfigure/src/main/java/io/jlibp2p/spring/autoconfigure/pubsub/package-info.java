/**
 * Auto-configuration of publish/subscribe: the pubsub behaviour, inbound messages as
 * Spring events, validator beans, meters and the REST API under {@code /libp2p/pubsub}.
 */
@NullMarked
package io.jlibp2p.spring.autoconfigure.pubsub;

import org.jspecify.annotations.NullMarked;
