/**
 * multistream-select 1.0: how two peers agree on the protocol of a connection or stream.
 *
 * @see <a href=
 * "https://github.com/multiformats/multistream-select">multistream-select</a>
 */
@NullMarked
package io.jlibp2p.multistream;

import org.jspecify.annotations.NullMarked;
