package io.jlibp2p.security.noise;

import org.junit.jupiter.api.Test;

import io.jlibp2p.security.noise.NoiseCiphers.Implementation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Noise cipher choice: the property picks any implementation that works, a wrong
 * value falls back to the rule, and the rule picks Conscrypt whenever it loads (it does
 * on these tests' class path).
 */
class NoiseCiphersTest {

	@Test
	void thePropertyPicksAnyWorkingImplementation() {
		for (Implementation implementation : Implementation.values()) {
			NoiseCiphers.Choice choice = NoiseCiphers.choose(" " + implementation.id().toUpperCase() + " ");
			assertThat(choice.implementation()).isEqualTo(implementation);
			assertThat(choice.reason()).contains(NoiseCiphers.PROPERTY);
		}
	}

	@Test
	void anUnknownValueFallsBackToTheRule() {
		NoiseCiphers.Choice rule = NoiseCiphers.choose(null);
		assertThat(NoiseCiphers.choose("aes-gcm")).isEqualTo(rule);
		assertThat(NoiseCiphers.choose("")).isEqualTo(rule);
	}

	@Test
	void theRuleTakesConscryptWhereItLoads() {
		assertThat(NoiseCiphers.choose(null).implementation()).isEqualTo(Implementation.CONSCRYPT);
		assertThat(NoiseCiphers.selected()).isNotNull();
	}

}
