package io.jlibp2p.multiformats;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CidrTest {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			10.0.0.0/8        | /ip4/10.1.2.3/tcp/1     | true
			10.0.0.0/8        | /ip4/11.0.0.1/tcp/1     | false
			192.168.1.77/24   | /ip4/192.168.1.200/tcp/1 | true
			127.0.0.1         | /ip4/127.0.0.1/tcp/1    | true
			127.0.0.1         | /ip4/127.0.0.2/tcp/1    | false
			0.0.0.0/0         | /ip4/8.8.8.8/tcp/1      | true
			fd00::/8          | /ip6/fd12::1/tcp/1      | true
			fd00::/8          | /ip6/fe80::1/tcp/1      | false
			10.0.0.0/8        | /ip6/::1/tcp/1          | false
			::/0              | /ip4/1.2.3.4/tcp/1      | false
			10.0.0.0/8        | /memory/1               | false
			""")
	void containsAddressesOfItsFamilyAndPrefix(String network, String address, boolean contained) {
		assertThat(Cidr.parse(network).contains(Multiaddr.parse(address))).isEqualTo(contained);
	}

	@Test
	void printsTheNetworkItMeans() {
		assertThat(Cidr.parse("192.168.1.77/24")).hasToString("192.168.1.0/24").isEqualTo(Cidr.parse("192.168.1.0/24"));
		assertThat(Cidr.parse("fd12::1/8")).hasToString("fd00::/8");
	}

	@ParameterizedTest
	@CsvSource({ "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/x", "localhost/8", "fd00::/129", "10.0.0/8" })
	void refusesWhatIsNoNetwork(String text) {
		assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(MultiformatException.class);
	}

}
