/**
 * Publish/subscribe: floodsub and gossipsub v1.0–v1.2 with peer scoring, message signing
 * and a validation pipeline, as one {@link io.jlibp2p.protocol.pubsub.Pubsub} behaviour
 * with a pluggable router.
 */
@NullMarked
package io.jlibp2p.protocol.pubsub;

import org.jspecify.annotations.NullMarked;
