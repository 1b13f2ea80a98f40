package io.jlibp2p.test;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.crypto.PrivateKey;
import io.jlibp2p.spring.autoconfigure.Libp2pAutoConfiguration;

/**
 * What {@link AutoConfigureLibp2p} adds before the starter's own auto-configuration: an
 * identity generated in memory, in place of the key file.
 */
@AutoConfiguration(before = Libp2pAutoConfiguration.class)
public final class Libp2pTestAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PrivateKey libp2pIdentity() {
		return Keys.generate(KeyType.ED25519);
	}

}
