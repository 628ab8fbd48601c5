# Sourced by bin/hotline-trends, bin/build-cds and bench/small.sh (needs $here, the checkout): which java runs, its
# feature release, and the launcher's start-up archive for that release.
#   java_cmd       $JAVA_HOME/bin/java, or the java on the PATH
#   java_feature   17, 21, 25, ... (from the JDK's release file; empty when it cannot be read)
#   archive        jobs/target/hotline-trends-jdk<N>.jsa (JDK 17-24: a dynamic class-data-sharing archive) or
#                  jobs/target/hotline-trends-jdk<N>.aot (JDK 25 and later: an ahead-of-time cache, JEP 483/514/515,
#                  which holds the classes loaded and linked and the methods' profiles); each JDK reads only its own
#   archive_use    the JVM options that use it; archive_dump FILE: those that write it from a training run
java_cmd="java"
[ -n "${JAVA_HOME:-}" ] && java_cmd="$JAVA_HOME/bin/java"
java_home="${JAVA_HOME:-}"
if [ -z "$java_home" ] && command -v java >/dev/null 2>&1; then
  java_home="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
fi
java_feature="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$java_home/release" 2>/dev/null || true)"
if [ -n "$java_feature" ] && [ "$java_feature" -ge 25 ]; then
  archive="$here/jobs/target/hotline-trends-jdk$java_feature.aot"
  archive_use=(-XX:AOTCache="$archive" -Xlog:aot=off -Xlog:cds=off)
  archive_dump() { printf '%s\n' -XX:AOTCacheOutput="$1" -Xlog:aot=off -Xlog:cds=off; }
else
  archive="$here/jobs/target/hotline-trends-jdk${java_feature:-unknown}.jsa"
  archive_use=(-XX:SharedArchiveFile="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off)
  archive_dump() { printf '%s\n' -XX:ArchiveClassesAtExit="$1" -Xlog:cds=off -Xlog:cds+dynamic=off; }
fi
