package io.jlibp2p.security.noise;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Security;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses, once per JVM, the ChaCha20-Poly1305 implementation that Noise messages use;
 * which one is fastest depends on the JDK and the CPU (BENCHMARKS.md, "Noise cipher"):
 * <ul>
 * <li>Conscrypt's (BoringSSL) when {@code org.conscrypt:conscrypt-openjdk-uber} is on the
 * class path and its native library loads: the fastest measured on JDK 17 and 25, with
 * and without AVX-512;</li>
 * <li>otherwise the JDK's, where HotSpot compiles Poly1305 to its AVX-512 intrinsic (JDK
 * 20 and later on x86-64 CPUs with AVX-512 IFMA);</li>
 * <li>otherwise {@link ChaChaPoly}, the JDK's ChaCha20 with BouncyCastle's Poly1305,
 * faster than the JDK's without the intrinsic.</li>
 * </ul>
 * The system property {@value #PROPERTY} ({@code jdk}, {@code conscrypt} or
 * {@code chacha-poly}) overrides the rule. Every implementation must match
 * {@link ChaChaPoly}'s output on a test message before it is chosen. The choice is logged
 * once and shown by the starter's Actuator endpoint.
 */
public final class NoiseCiphers {

	/** The system property that overrides the choice. */
	public static final String PROPERTY = "jlibp2p.noise.cipher";

	private static final Logger logger = LoggerFactory.getLogger(NoiseCiphers.class);

	private NoiseCiphers() {
	}

	/**
	 * Returns the implementation in use, choosing it on the first call.
	 * @return the choice and why
	 */
	public static Choice selected() {
		return Selected.CHOICE;
	}

	/**
	 * Creates an AEAD for a key with the chosen implementation.
	 * @param key the 32-byte key
	 * @return the AEAD
	 */
	static Aead create(byte[] key) {
		return Selected.CHOICE.implementation().create(key);
	}

	/**
	 * An implementation and why it was chosen.
	 *
	 * @param implementation the implementation
	 * @param reason why, for logs and the Actuator endpoint
	 */
	public record Choice(Implementation implementation, String reason) {
	}

	/** The ChaCha20-Poly1305 implementations Noise can use. */
	public enum Implementation {

		/** The JDK's {@code ChaCha20-Poly1305} (SunJCE). */
		JDK("jdk"),

		/** Conscrypt's, BoringSSL's assembly through JNI. */
		CONSCRYPT("conscrypt"),

		/** The JDK's ChaCha20 with BouncyCastle's Poly1305. */
		CHACHA_POLY("chacha-poly");

		private final String id;

		Implementation(String id) {
			this.id = id;
		}

		/**
		 * Returns the name {@value NoiseCiphers#PROPERTY} takes.
		 * @return the name
		 */
		public String id() {
			return this.id;
		}

		Aead create(byte[] key) {
			try {
				return switch (this) {
					case JDK -> new JcaChaChaPoly(sunJce(), "ChaCha20-Poly1305", key);
					case CONSCRYPT -> new JcaChaChaPoly(ConscryptProvider.INSTANCE, "ChaCha20/Poly1305/NoPadding", key);
					case CHACHA_POLY -> new ChaChaPoly(key);
				};
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(this.id + " cannot create ChaCha20-Poly1305", ex);
			}
		}

		private static Provider sunJce() throws GeneralSecurityException {
			Provider provider = Security.getProvider("SunJCE");
			if (provider == null) {
				throw new GeneralSecurityException("no SunJCE provider");
			}
			return provider;
		}

	}

	/**
	 * Chooses an implementation.
	 * @param wanted the value of {@value #PROPERTY}, if set
	 * @return the wanted implementation if it works, else the rule's
	 */
	static Choice choose(@Nullable String wanted) {
		return forced(wanted).orElseGet(NoiseCiphers::byRule);
	}

	private static Optional<Choice> forced(@Nullable String wanted) {
		if (wanted == null || wanted.isBlank()) {
			return Optional.empty();
		}
		Implementation implementation = Arrays.stream(Implementation.values())
			.filter((candidate) -> candidate.id().equals(wanted.trim().toLowerCase(Locale.ROOT)))
			.findFirst()
			.orElse(null);
		String failure = (implementation != null) ? failure(implementation) : "not one of jdk, conscrypt, chacha-poly";
		if (failure != null) {
			logger.warn("-D{}={} ignored: {}", PROPERTY, wanted, failure);
			return Optional.empty();
		}
		return Optional.of(new Choice(implementation, "-D" + PROPERTY + "=" + wanted));
	}

	private static Choice byRule() {
		String conscrypt = failure(Implementation.CONSCRYPT);
		if (conscrypt == null) {
			return new Choice(Implementation.CONSCRYPT, "Conscrypt loaded");
		}
		if (poly1305Intrinsic() && failure(Implementation.JDK) == null) {
			return new Choice(Implementation.JDK,
					"Conscrypt unavailable (" + conscrypt + "); HotSpot has its AVX-512 Poly1305 intrinsic here");
		}
		return new Choice(Implementation.CHACHA_POLY,
				"Conscrypt unavailable (" + conscrypt + "); no Poly1305 intrinsic in this JVM");
	}

	/**
	 * Returns why an implementation cannot be used, or {@code null} when it seals a test
	 * message exactly as {@link ChaChaPoly} does.
	 */
	private static @Nullable String failure(Implementation implementation) {
		try {
			byte[] key = "a key for the Noise cipher check".getBytes(StandardCharsets.US_ASCII);
			byte[] nonce = new byte[12];
			ByteBuffer expected = seal(new ChaChaPoly(key), nonce);
			ByteBuffer actual = seal(implementation.create(key), nonce);
			return actual.equals(expected) ? null : "its output differs from RFC 8439's";
		}
		catch (RuntimeException | LinkageError ex) {
			return ex.toString();
		}
	}

	private static ByteBuffer seal(Aead aead, byte[] nonce) {
		ByteBuffer plaintext = ByteBuffer.allocateDirect(300);
		for (int i = 0; i < plaintext.capacity(); i++) {
			plaintext.put(i, (byte) i);
		}
		ByteBuffer sealed = ByteBuffer.allocateDirect(plaintext.capacity() + Aead.TAG_LENGTH);
		aead.seal(nonce, new byte[] { 1, 2, 3 }, plaintext, sealed);
		return sealed.flip();
	}

	/**
	 * Whether HotSpot compiles Poly1305 to its intrinsic: since JDK 20 on x86-64 when it
	 * uses AVX-512 ({@code UseAVX} 3) and the CPU has IFMA, VL and BW, which Linux lists
	 * in {@code /proc/cpuinfo}. The flag {@code UsePoly1305Intrinsics} itself is
	 * diagnostic and cannot be read at run time. Elsewhere the answer is no, and
	 * Conscrypt or ChaChaPoly is chosen, which is never the slow choice.
	 */
	private static boolean poly1305Intrinsic() {
		if (Runtime.version().feature() < 20 || !"amd64".equals(System.getProperty("os.arch"))) {
			return false;
		}
		try {
			HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
			if (hotspot == null || Integer.parseInt(hotspot.getVMOption("UseAVX").getValue()) < 3) {
				return false;
			}
		}
		catch (RuntimeException | LinkageError ex) {
			return false;
		}
		List<String> flags = cpuFlags();
		return flags.containsAll(List.of("avx512ifma", "avx512vl", "avx512bw"));
	}

	private static List<String> cpuFlags() {
		try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
			return lines.filter((line) -> line.startsWith("flags"))
				.findFirst()
				.map((line) -> List.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+")))
				.orElse(List.of());
		}
		catch (IOException | RuntimeException ex) {
			return List.of();
		}
	}

	/** The choice, made when this class is first used. */
	private static final class Selected {

		static final Choice CHOICE = choose(System.getProperty(PROPERTY));

		static {
			logger.info("Noise cipher: {} ({})", CHOICE.implementation().id(), CHOICE.reason());
		}

	}

	/** Conscrypt's provider, in a class of its own that loads only when it is used. */
	private static final class ConscryptProvider {

		static final Provider INSTANCE = org.conscrypt.Conscrypt.newProvider();

	}

}
