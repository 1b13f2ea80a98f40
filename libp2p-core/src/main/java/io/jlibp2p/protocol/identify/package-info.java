/**
 * Identify ({@code /ipfs/id/1.0.0}) and identify push ({@code /ipfs/id/push/1.0.0}):
 * peers tell each other their key, agent, protocols and addresses, and what address they
 * see the other at.
 *
 * @see <a href="https://github.com/libp2p/specs/blob/master/identify/README.md">identify
 * spec</a>
 */
@NullMarked
package io.jlibp2p.protocol.identify;

import org.jspecify.annotations.NullMarked;
