#!/usr/bin/env bash
# The soak (issue 14): the churn workload of ChurnTest, twelve nodes in twelve JVMs with six of
# them killed (SIGKILL) and restarted every few seconds while 200 messages a second flow, for
# hours. Every minute each stable node reports heap after a full GC, direct memory,
# threads and open file descriptors; the CSV goes to libp2p-core/target/soak.csv, a summary to stdout.
#
#   bash src/bench/soak.sh [minutes=120] [jdk=/usr/lib/jvm/temurin-25-jdk-amd64]
set -euo pipefail
cd "$(dirname "$0")/../.."
minutes=${1:-120}
jdk=${2:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -B -ntp -q install -DskipTests
./mvnw -B -ntp -q -pl libp2p-core dependency:build-classpath -Dmdep.outputFile=target/soak.classpath \
	-Dmdep.includeScope=test
# a copy of the classes, so that builds in this checkout cannot pull them from under running nodes
classes=$(mktemp -d)
cp -r libp2p-core/target/classes "$classes/main" && cp -r libp2p-core/target/test-classes "$classes/test"
classpath="$(cat libp2p-core/target/soak.classpath):$classes/main:$classes/test"
"$jdk/bin/java" -Xmx256m -cp "$classpath" io.jlibp2p.faults.Soak "$minutes" libp2p-core/target/soak.csv
# first and last sample of each stable node: heap, direct, threads, fds
awk -F, 'NR > 1 { if (!($3 in first)) first[$3] = $0; last[$3] = $0 }
	END { for (n in first) { print "node " n " first: " first[n]; print "node " n " last:  " last[n] } }' \
	libp2p-core/target/soak.csv | sort
