/**
 * Perf ({@code /perf/1.0.0}): measures throughput by sending a requested number of bytes
 * each way. The server is off by default.
 *
 * @see <a href="https://github.com/libp2p/specs/blob/master/perf/perf.md">perf spec</a>
 */
@NullMarked
package io.jlibp2p.protocol.perf;

import org.jspecify.annotations.NullMarked;
