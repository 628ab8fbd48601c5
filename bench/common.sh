# Shared by the benchmark scripts: the runnable classpath and JVM flags (builds if needed).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# The benchmark programs (ca.hotlinetrends.bench) are test sources, kept out of the shipped jar: -DskipTests still
# compiles them into jobs/target/test-classes.
if [ ! -f jobs/target/hotline-trends-jobs.jar ] || [ ! -f jobs/target/test-classes/ca/hotlinetrends/bench/CountsBench.class ]; then
  ./mvnw -q -B install -DskipTests -Dspotless.check.skip=true
fi
CP="jobs/target/hotline-trends-jobs.jar:jobs/target/test-classes:$(cat jobs/target/runtime-classpath.txt)"
# The JVM flags of the tests and the launcher (pom.xml's spark.jvm.flags, which include jit.flags), for the run and
# its peers alike.
jit_flags="$(sed -n 's/.*<jit.flags>\(.*\)<\/jit.flags>.*/\1/p' pom.xml)"
JFLAGS="$(sed -n 's/.*<spark.jvm.flags>\(.*\)<\/spark.jvm.flags>.*/\1/p' pom.xml | sed "s/\${jit.flags}/$jit_flags/") -Xmx12g -Duser.timezone=UTC -Djava.awt.headless=true"
# The same flags with the JIT and collector that the launcher chooses for a command line (bin/java-env.sh: C1 alone and
# the serial collector for small work, both compilers and G1 otherwise), without the launcher's start-up archive.
here="$root"
source "$root/bin/java-env.sh"
launcher_flags() {
  local mode=large
  if small_input "$@"; then mode=small; fi
  echo "$(sed -n 's/.*<spark.jvm.flags>\(.*\)<\/spark.jvm.flags>.*/\1/p' pom.xml | sed 's/\${jit.flags}//') $(jvm_flags "$mode" | tr '\n' ' ')-Xmx12g -Duser.timezone=UTC -Djava.awt.headless=true"
}
launcher_mode() {
  if small_input "$@"; then echo "C1 alone, serial collector$([ -n "$(thp_flag)" ] && echo ', transparent huge pages')"
  else echo "C1 and C2, G1"; fi
}
BENCH_DATA="${BENCH_DATA:-/tmp/hotline-bench}"
cli() { java $JFLAGS -cp "$CP" ca.hotlinetrends.cli.HotlineTrends "$@"; }
main() { local cls="$1"; shift; java $JFLAGS -cp "$CP" "$cls" "$@"; }
# scale for N contacts: the seeded demo export (scale 1) has about 29,800 contacts
scale_for() { python3 -c "print(round($1/29846, 3))"; }
