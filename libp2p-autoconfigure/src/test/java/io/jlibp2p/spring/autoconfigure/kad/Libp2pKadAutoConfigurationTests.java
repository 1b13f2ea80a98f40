package io.jlibp2p.spring.autoconfigure.kad;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.jlibp2p.protocol.kad.KadConfig;
import io.jlibp2p.spring.autoconfigure.Libp2pAutoConfiguration;
import io.jlibp2p.spring.autoconfigure.Libp2pRunners;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code libp2p.kad.*} into {@link KadConfig}: the routing table's address-block limit,
 * two by default and off at zero, and a record size above the message size growing the
 * message size.
 */
class Libp2pKadAutoConfigurationTests {

	@TempDir
	Path directory;

	private ApplicationContextRunner runner() {
		return Libp2pRunners.runner(this.directory.resolve("kad.key"), Libp2pAutoConfiguration.class,
				Libp2pKadAutoConfiguration.class);
	}

	@Test
	void limitsPeersOfOneAddressBlockToTwoUnlessToldOtherwise() {
		runner().run((context) -> assertThat(context.getBean(KadConfig.class).limits().maxPerIpGroup()).isEqualTo(2));
		runner().withPropertyValues("libp2p.kad.max-peers-per-ip-group=0")
			.run((context) -> assertThat(context.getBean(KadConfig.class).limits().maxPerIpGroup()).isZero());
	}

	@Test
	void aLargerRecordGrowsTheMessageLimit() {
		runner().withPropertyValues("libp2p.kad.max-record-size=128KB").run((context) -> {
			KadConfig.Limits limits = context.getBean(KadConfig.class).limits();
			assertThat(limits.maxRecordSize()).isEqualTo(128 * 1024);
			assertThat(limits.maxMessageSize()).isGreaterThanOrEqualTo(128 * 1024);
		});
	}

}
