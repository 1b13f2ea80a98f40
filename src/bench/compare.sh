#!/usr/bin/env bash
# Compares the jlibp2p side of the gossipsub and kad benchmarks and the cost of one link (perf
# throughput, connections a second: LinkBench) of this checkout with another checkout of the
# project (say, a worktree of an older commit), alternating the two so that drift of the machine
# hits both, on JDK 17 and JDK 25. Prints one JSON line per run. Benchmarks the other checkout
# lacks are copied into it from this one.
#
#   git worktree add /tmp/base <commit> && bash src/bench/compare.sh /tmp/base [rounds] [jdk homes]
set -euo pipefail
cd "$(dirname "$0")/../.."
base=$(cd "$1" && pwd)
rounds=${2:-2}
cp -n libp2p-core/src/test/java/io/jlibp2p/bench/*.java "$base/libp2p-core/src/test/java/io/jlibp2p/bench/"
for tree in "$base" "$PWD"; do
	(cd "$tree" && ./mvnw -B -ntp -q install -DskipTests \
		&& ./mvnw -B -ntp -q -pl libp2p-core dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
			-Dmdep.includeScope=test \
		&& echo "$(cat libp2p-core/target/bench.classpath):$tree/libp2p-core/target/classes:$tree/libp2p-core/target/test-classes" \
			> libp2p-core/target/bench.classpath)
done
for jdk in ${3:-/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64}; do
	[ -x "$jdk/bin/java" ] || continue
	for round in $(seq "$rounds"); do
		for tree in "$base" "$PWD"; do
			classpath=$(cat "$tree/libp2p-core/target/bench.classpath")
			echo "== $(basename "$jdk") round $round $tree"
			"$jdk/bin/java" -cp "$classpath" io.jlibp2p.bench.PubsubBench 2000 64 2>/dev/null | grep '^{'
			"$jdk/bin/java" -cp "$classpath" io.jlibp2p.bench.PubsubBench 2000 1 2>/dev/null | grep '^{'
			"$jdk/bin/java" -cp "$classpath" io.jlibp2p.bench.KadLookupBench 2>/dev/null | grep '^{'
			"$jdk/bin/java" -cp "$classpath" io.jlibp2p.bench.LinkBench 2>/dev/null | grep '^{'
		done
	done
done
