/**
 * Time for everything above the connection: the {@link io.jlibp2p.time.Scheduler} that
 * runs a swarm's behaviours and timers, on the system clock or on virtual time for
 * deterministic simulations.
 */
@NullMarked
package io.jlibp2p.time;

import org.jspecify.annotations.NullMarked;
