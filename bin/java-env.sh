# Sourced by bin/hotline-trends, bin/build-cds and bench/small.sh (needs $here, the checkout): which java runs, its
# feature release, and the launcher's start-up archive for that release.
#   java_cmd       $JAVA_HOME/bin/java, or the java on the PATH
#   java_feature   17, 21, 25, ... (from the JDK's release file; empty when it cannot be read)
#   archive        jobs/target/hotline-trends-jdk<N>.jsa (JDK 17-24: a dynamic class-data-sharing archive) or
#                  jobs/target/hotline-trends-jdk<N>.aot (JDK 25 and later: an ahead-of-time cache, JEP 483/514/515,
#                  which holds the classes loaded and linked and the methods' profiles); each JDK reads only its own
#   archive_use    the JVM options that use it; archive_dump FILE: those that write it from a training run
#   small_input ARGS...  whether a command line (command first) works on a small input (see below)
#   jvm_flags MODE       the JIT and collector options of MODE: small (C1 alone, the serial collector) or large
java_cmd="java"
[ -n "${JAVA_HOME:-}" ] && java_cmd="$JAVA_HOME/bin/java"
java_home="${JAVA_HOME:-}"
if [ -z "$java_home" ] && command -v java >/dev/null 2>&1; then
  java_home="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
fi
java_feature="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$java_home/release" 2>/dev/null || true)"
if [ -n "$java_feature" ] && [ "$java_feature" -ge 25 ]; then
  archive="$here/jobs/target/hotline-trends-jdk$java_feature.aot"
  # aot*: JDK 25 also warns, under aot+codecache+stubs, when it regenerates an adapter whose saved name differs
  # (seen with C1 alone and the serial collector); the cache is used all the same (-XX:AOTMode=on runs).
  archive_use=(-XX:AOTCache="$archive" '-Xlog:aot*=off' '-Xlog:cds*=off')
  archive_dump() { printf '%s\n' -XX:AOTCacheOutput="$1" '-Xlog:aot*=off' '-Xlog:cds*=off'; }
else
  archive="$here/jobs/target/hotline-trends-jdk${java_feature:-unknown}.jsa"
  archive_use=(-XX:SharedArchiveFile="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off)
  archive_dump() { printf '%s\n' -XX:ArchiveClassesAtExit="$1" -Xlog:cds=off -Xlog:cds+dynamic=off; }
fi

# JIT and collector by the size of the work. Work on a small input is almost all first-time code (Spark's planning and
# generated classes, the engines, the renderers), which C1 compiles at once; the optimising C2 then only competes with
# it for the 2 cores. So `demo`, `report` and `run` or `ingest` on an input of at most 256 MiB use C1 alone
# (bench/small.sh: the demo's run about 30 -> 25 s; a run on 1M contacts, 160 MB, was no slower either), and the
# serial collector: G1's concurrent threads and its larger young generation cost more than they save on such heaps
# (the demo's run 18.6 -> 17.7 s in four pairs taken in turns, 3 s less CPU and 2 s less system time; a run on 1M
# contacts 36.6-38.2 -> 31.5-35.7 s). Anything else, larger inputs and inputs that cannot be sized (a glob) get both
# compilers, C2 for what is really hot (pom.xml's jit.flags: a run's code is wide and mostly lukewarm), and G1.
small_input() {
  case "${1:-}" in demo|report) return 0 ;; run|ingest) ;; *) return 1 ;; esac
  local prev="" a input=""
  for a in "$@"; do
    case "$a" in --input=*) input="${a#--input=}" ;; esac
    [ "$prev" = "--input" ] && input="$a"
    prev="$a"
  done
  [ -n "$input" ] && [ -e "$input" ] || return 1
  local bytes
  bytes="$(du -sbL -- "$input" 2>/dev/null | cut -f1)" || return 1
  [ -n "$bytes" ] && [ "$bytes" -le $((256 * 1024 * 1024)) ]
}
# Small work also asks for transparent huge pages where the kernel gives them on request (madvise): a cold JVM's
# collector and Spark's first allocations touch a few hundred MB once, and 2 MB pages fault 2.4x less often (the demo's
# run: minor faults 190-205k -> 82-84k, 13.9 -> 12.95 s, medians of six runs in turns, same bytes; a run on 1M
# contacts no different). Where the kernel does not offer them, the flag is left out (the JVM would warn).
thp_flag() {
  grep -q '\[madvise\]' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null && echo -XX:+UseTransparentHugePages
  return 0
}
jvm_flags() {
  case "$1" in
    small) printf '%s\n' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC $(thp_flag) ;;
    large) printf '%s\n' -XX:Tier4InvocationThreshold=20000 -XX:Tier4MinInvocationThreshold=2400 \
      -XX:Tier4CompileThreshold=60000 -XX:Tier4BackEdgeThreshold=160000 ;;
    *) return 1 ;;
  esac
}
