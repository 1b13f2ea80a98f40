package io.jlibp2p;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules the code's shape keeps (README, "Contributing"), checked on the main sources
 * of every module: small classes, small records, protocols that do not know each other,
 * routers and codecs that do not reach back into their behaviour, and no copied code.
 */
class ArchitectureTest {

	private static final int MAX_LINES = 500;

	private static final int MAX_RECORD_COMPONENTS = 10;

	private static final int DUPLICATE_RUN = 6;

	private static final Path ROOT = Path.of("..");

	private static final List<String> MODULES = List.of("libp2p-core", "libp2p-autoconfigure", "demo-app");

	private static final Pattern RECORD = Pattern.compile("\\brecord\\s+(\\w+)\\s*(<[^>]*>)?\\s*\\(");

	private static final Pattern PROTOCOL_PACKAGE = Pattern.compile("io/jlibp2p/protocol/(\\w+)/");

	private static final Pattern PROTOCOL_IMPORT = Pattern
		.compile("^import (?:static )?io\\.jlibp2p\\.protocol\\.(\\w+)\\.", Pattern.MULTILINE);

	/** Lines too common to make two places copies of each other. */
	private static final Pattern TRIVIAL = Pattern.compile(
			"^(\\}|\\{|@Override|\\} else \\{|else \\{|\\}\\)|\\);|\\}\\);|return;|try \\{|\\}\\s*catch.*|finally \\{"
					+ "|break;|continue;|default -> \\{)$");

	private final Map<Path, String> sources = mainSources();

	@Test
	void noMainClassIsLongerThan500Lines() {
		List<String> tooLong = new ArrayList<>();
		this.sources.forEach((path, source) -> {
			long lines = source.lines().count();
			if (lines > MAX_LINES) {
				tooLong.add(name(path) + " has " + lines + " lines");
			}
		});
		assertThat(tooLong).isEmpty();
	}

	/**
	 * Records built in code take their components by position, where swapped arguments of
	 * one type still compile. {@code @ConfigurationProperties} records, and the
	 * {@code …Properties} records that hold a group of them, are the exception: the
	 * binder fills their components by property name, and their shape is the documented
	 * property tree.
	 */
	@Test
	void noRecordHasMoreThanTenComponents() {
		List<String> large = new ArrayList<>();
		this.sources.forEach((path, source) -> {
			if (source.contains("@ConfigurationProperties")
					|| path.getFileName().toString().endsWith("Properties.java")) {
				return;
			}
			Matcher record = RECORD.matcher(source);
			while (record.find()) {
				int components = components(source, record.end());
				if (components > MAX_RECORD_COMPONENTS) {
					large.add(name(path) + ": record " + record.group(1) + " has " + components + " components");
				}
			}
		});
		assertThat(large).isEmpty();
	}

	@Test
	void noProtocolPackageImportsAnother() {
		List<String> imports = new ArrayList<>();
		this.sources.forEach((path, source) -> {
			Matcher own = PROTOCOL_PACKAGE.matcher(path.toString().replace('\\', '/'));
			if (!own.find()) {
				return;
			}
			Matcher imported = PROTOCOL_IMPORT.matcher(source);
			while (imported.find()) {
				if (!imported.group(1).equals(own.group(1))) {
					imports.add(name(path) + " imports protocol " + imported.group(1));
				}
			}
		});
		assertThat(imports).isEmpty();
	}

	/**
	 * A protocol's behaviour owns its routers, codecs and handlers; they get what they
	 * need (a read-only view, a sink for decisions) but never the behaviour itself.
	 */
	@Test
	void noProtocolClassHoldsItsBehaviour() {
		Map<String, String> behaviours = new LinkedHashMap<>();
		this.sources.forEach((path, source) -> {
			Matcher own = PROTOCOL_PACKAGE.matcher(path.toString().replace('\\', '/'));
			if (own.find() && source.contains(" implements NetworkBehaviour")) {
				behaviours.put(own.group(1), className(path));
			}
		});
		assertThat(behaviours).containsKeys("ping", "identify", "pubsub", "kad", "mdns", "perf");
		List<String> holders = new ArrayList<>();
		this.sources.forEach((path, source) -> {
			Matcher own = PROTOCOL_PACKAGE.matcher(path.toString().replace('\\', '/'));
			String behaviour = own.find() ? behaviours.get(own.group(1)) : null;
			if (behaviour != null && !className(path).equals(behaviour)
					&& Pattern.compile("private (final )?" + behaviour + " \\w+;").matcher(source).find()) {
				holders.add(name(path) + " holds a " + behaviour);
			}
		});
		assertThat(holders).isEmpty();
	}

	@Test
	void noSixLinesAreCopiedBetweenMainClasses() {
		Map<String, Set<String>> runs = new LinkedHashMap<>();
		this.sources.forEach((path, source) -> {
			List<String> lines = codeLines(source);
			for (int i = 0; i + DUPLICATE_RUN <= lines.size(); i++) {
				List<String> run = lines.subList(i, i + DUPLICATE_RUN);
				if (run.stream().filter((line) -> !TRIVIAL.matcher(line).matches()).count() >= 4) {
					runs.computeIfAbsent(String.join("\n", run), (key) -> new TreeSet<>()).add(className(path));
				}
			}
		});
		List<String> copies = new ArrayList<>();
		runs.forEach((run, classes) -> {
			if (classes.size() > 1) {
				copies.add(classes + ":\n" + run);
			}
		});
		assertThat(copies).isEmpty();
	}

	@Test
	void theCheckedSourcesAreThere() {
		assertThat(this.sources.keySet()).anyMatch((path) -> path.endsWith("Swarm.java"))
			.anyMatch((path) -> path.endsWith("Libp2pAutoConfiguration.java"));
	}

	/** Code lines: no blank lines, imports, package declarations or comments. */
	private static List<String> codeLines(String source) {
		List<String> lines = new ArrayList<>();
		for (String line : source.lines().map(String::strip).toList()) {
			if (!line.isEmpty() && !line.startsWith("import ") && !line.startsWith("package ") && !line.startsWith("*")
					&& !line.startsWith("/*") && !line.startsWith("//")) {
				lines.add(line);
			}
		}
		return lines;
	}

	/** Counts a record's components: the commas outside brackets, plus one. */
	private static int components(String source, int start) {
		int depth = 0;
		int components = 1;
		boolean empty = true;
		for (int i = start; i < source.length(); i++) {
			char c = source.charAt(i);
			if (c == ')' && depth == 0) {
				return empty ? 0 : components;
			}
			if (!Character.isWhitespace(c)) {
				empty = false;
			}
			if (c == '(' || c == '<') {
				depth++;
			}
			else if (c == ')' || c == '>') {
				depth--;
			}
			else if (c == ',' && depth == 0) {
				components++;
			}
		}
		throw new IllegalStateException("unterminated record header");
	}

	private static String className(Path path) {
		String file = path.getFileName().toString();
		return file.substring(0, file.length() - ".java".length());
	}

	private static String name(Path path) {
		return ROOT.relativize(path).toString();
	}

	private static Map<Path, String> mainSources() {
		Map<Path, String> sources = new LinkedHashMap<>();
		for (String module : MODULES) {
			Path main = ROOT.resolve(module).resolve("src/main/java");
			if (!Files.isDirectory(main)) {
				continue;
			}
			try (Stream<Path> files = Files.walk(main)) {
				for (Path file : files.filter((path) -> path.toString().endsWith(".java")).sorted().toList()) {
					sources.put(file, Files.readString(file));
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return sources;
	}

}
