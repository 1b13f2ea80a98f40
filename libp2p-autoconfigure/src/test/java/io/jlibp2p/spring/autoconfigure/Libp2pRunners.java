package io.jlibp2p.spring.autoconfigure;

import java.nio.file.Path;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The context runner the auto-configuration tests share: the given auto-configurations
 * and an identity key file of the test's own.
 */
public final class Libp2pRunners {

	private Libp2pRunners() {
	}

	/**
	 * Creates a runner.
	 * @param keyFile where the node keeps its identity key
	 * @param autoConfigurations the auto-configurations to run
	 * @return the runner
	 */
	public static ApplicationContextRunner runner(Path keyFile, Class<?>... autoConfigurations) {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(autoConfigurations))
			.withPropertyValues("libp2p.identity.key-file=" + keyFile);
	}

}
