/**
 * The swarm: owns the transports, the connection pool and the behaviours, dials and
 * listens, and reports what happens as {@link io.jlibp2p.swarm.SwarmEvent}s.
 *
 * <p>
 * The runtime model is rust-libp2p's, in Netty's terms. Each
 * {@link io.jlibp2p.swarm.NetworkBehaviour} keeps its state on the swarm's single thread
 * ({@link io.jlibp2p.swarm.Swarm#execute}); what rust calls a connection handler is the
 * pipeline a behaviour's {@link io.jlibp2p.transport.StreamHandler} installs on each
 * stream, running on the connection's event loop. The two sides never share mutable
 * state: a handler reports to its behaviour by posting a task to the swarm's thread
 * (rust's {@code on_connection_handler_event}), and a behaviour reaches a handler by
 * writing to or opening a stream, which Netty runs on the connection's event loop (rust's
 * {@code notify_handler}). A typed handler interface on top would be a second dispatch
 * layer over Netty's pipelines with nothing gained; keep-alive, rust's
 * {@code connection_keep_alive}, is asked of each behaviour by
 * {@link io.jlibp2p.swarm.NetworkBehaviour#keepAlive}.
 */
@NullMarked
package io.jlibp2p.swarm;

import org.jspecify.annotations.NullMarked;
