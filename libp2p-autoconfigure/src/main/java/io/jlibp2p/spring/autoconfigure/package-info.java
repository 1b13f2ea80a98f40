/**
 * Spring Boot auto-configuration of a jlibp2p node: a {@link io.jlibp2p.swarm.Swarm}
 * built from {@code libp2p.*} properties, listening while the application context runs.
 */
@NullMarked
package io.jlibp2p.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
