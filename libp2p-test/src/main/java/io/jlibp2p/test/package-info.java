/**
 * Test support: {@link io.jlibp2p.test.AutoConfigureLibp2p} for {@code @SpringBootTest}
 * and {@link io.jlibp2p.test.Libp2pTestNetwork} for several applications on one in-memory
 * network.
 */
@NullMarked
package io.jlibp2p.test;

import org.jspecify.annotations.NullMarked;
