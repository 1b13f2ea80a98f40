package io.jlibp2p.spring.autoconfigure;

import io.jlibp2p.swarm.SwarmBuilder;

/**
 * Customizes the {@link SwarmBuilder} before the auto-configured swarm is built: add
 * behaviours, replace the configuration. Customizer beans apply in their {@code @Order}.
 */
@FunctionalInterface
public interface SwarmBuilderCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the builder
	 */
	void customize(SwarmBuilder builder);

}
