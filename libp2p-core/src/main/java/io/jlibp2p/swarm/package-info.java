/**
 * The swarm: owns the transports, the connection pool and the behaviours, dials and
 * listens, and reports what happens as {@link io.jlibp2p.swarm.SwarmEvent}s.
 */
@NullMarked
package io.jlibp2p.swarm;

import org.jspecify.annotations.NullMarked;
