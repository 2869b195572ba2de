#!/usr/bin/env bash
# The scaling figures of `deepmetric spark search`: a 100,000- and a 1,000,000-vector synthetic
# gallery, 2,000 queries, each size in its own JVMs, first in local[*] (one JVM, every core, a
# 1 GB heap), then on a local cluster of 2 worker JVMs (1 core and a 1 GB heap each). The 1M
# gallery's features alone are 512 MB, its distances to the queries 8 GB.
#
# A local cluster starts its executors the way a standalone worker does, from a Spark
# installation's jars/ folder: this script makes one under spark/target/spark-home from the jars
# Maven already resolved (Spark's and deepmetric's).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-$root/output/spark-bench}"
"$root/deepmetric" spark --version >/dev/null
home="$root/spark/target/spark-home"
rm -rf "$home" && mkdir -p "$home/jars"
echo "Spark $(grep -o '<spark.version>[^<]*' "$root/pom.xml" | cut -d'>' -f2), jars from the local Maven repository" > "$home/RELEASE"
for jar in "$root/spark/target/deepmetric-spark.jar" $(tr ':' ' ' < "$root/spark/target/classpath.txt"); do
  ln -sf "$jar" "$home/jars/"
done
export SPARK_HOME="$home" SPARK_SCALA_VERSION=2.13
grep -o -m1 'avx[^ ]*\|amx[^ ]*' /proc/cpuinfo | sort -u | tr '\n' ' '; echo "($(nproc) cores)"
for size in ${SIZES:-100000 1000000}; do
  DEEPMETRIC_JAVA_OPTS=-Xmx1g "$root/deepmetric" spark bench --gallery "$size" --queries 2000 --work_dir "$work"
  "$root/deepmetric" spark bench --gallery "$size" --queries 2000 --work_dir "$work" \
      --master 'local-cluster[2,1,1536]' --conf spark.executor.memory=1g
done
