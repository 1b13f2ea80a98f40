package io.jlibp2p.multiformats;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CidTest {

	@Test
	void parsesCidV0AndPrintsItAsItCame() {
		Cid cid = Cid.parse("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N");
		assertThat(cid.version()).isZero();
		assertThat(cid.codec()).isEqualTo(Multicodec.DAG_PB);
		assertThat(cid).hasToString("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N");
		assertThat(Cid.decode(cid.toBytes())).isEqualTo(cid);
	}

	@Test
	void libp2pKeyCidCarriesTheSameMultihashAsTheLegacyForm() {
		// peer-ids spec: the same peer as QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N.
		Cid cid = Cid.parse("bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqxe");
		assertThat(cid.version()).isEqualTo(1);
		assertThat(cid.codec()).isEqualTo(Multicodec.LIBP2P_KEY);
		assertThat(cid.multihash()).isEqualTo(Cid.parse("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N").multihash());
		assertThat(cid).hasToString("bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqxe");
		assertThat(Cid.parse(cid.toString(Multibase.BASE58BTC))).isEqualTo(cid);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "bafy| impossible length", "f0201| unsupported CID version 2", "f017212| varint truncated",
					"f01721201ff| must be 32 bytes", "f01550003010203ff| 1 byte(s) after the CID" })
	void rejectsMalformedCids(String text, String message) {
		assertThatExceptionOfType(MultiformatException.class).isThrownBy(() -> Cid.parse(text))
			.withMessageContaining(message);
	}

}
