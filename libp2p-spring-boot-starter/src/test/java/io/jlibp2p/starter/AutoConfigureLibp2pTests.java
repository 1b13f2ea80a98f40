package io.jlibp2p.starter;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.test.AutoConfigureLibp2p;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @AutoConfigureLibp2p} puts a {@code @SpringBootTest}'s node on the in-memory
 * transport with an identity that is never written to a file.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@AutoConfigureLibp2p
class AutoConfigureLibp2pTests {

	@Autowired
	Swarm swarm;

	@Test
	void theNodeListensInMemoryAndWritesNoKeyFile() {
		assertThat(this.swarm.listenAddresses()).isNotEmpty()
			.allSatisfy((address) -> assertThat(address.toString()).startsWith("/memory/"));
		assertThat(Files.exists(Path.of("libp2p-identity.key"))).isFalse();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}
