#!/usr/bin/env bash
# Runs `hotline-trends run` on a real Spark standalone cluster on 127.0.0.1: a Master and two Workers started from
# the project's Maven dependencies (a Spark home made of Spark's jars plus a RELEASE file), the release submitted
# with org.apache.spark.deploy.SparkSubmit and the shaded application jar, then the cluster stopped.
#
#   deploy/standalone/run-on-cluster.sh --input EXPORT_DIR --release 2026Q3 --warehouse DIR [more run options]
#
# Environment: MASTER_PORT (default 7077), CLUSTER_WORK_DIR (logs, Spark home, worker dirs; default a new temp
# folder), JAVA_HOME. Exit code: the run's (see README), or 1 if the cluster did not start.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="$here/cluster/target/hotline-trends-spark.jar"
spark_cp="$here/cluster/spark-home/target/spark-classpath.txt"
if [ ! -f "$jar" ] || [ ! -f "$spark_cp" ]; then
  echo "[cluster] building the application jar with ./mvnw..." >&2
  (cd "$here" && ./mvnw -q -B install -DskipTests -Dspotless.check.skip=true -pl cluster -am) >&2
fi

port="${MASTER_PORT:-7077}"
work="${CLUSTER_WORK_DIR:-$(mktemp -d -t hotline-cluster-XXXXXX)}"
spark_home="$work/spark-home"
mkdir -p "$spark_home/jars" "$spark_home/conf"
tr ':' '\n' < "$spark_cp" | while read -r j; do ln -sf "$j" "$spark_home/jars/"; done
echo "Spark 4.2.0 (Scala 2.13) assembled from Maven Central by hotline-trends" > "$spark_home/RELEASE"
cat > "$spark_home/conf/log4j2.properties" <<'LOG'
rootLogger.level = warn
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n
logger.master.name = org.apache.spark.deploy
logger.master.level = info
LOG

export SPARK_HOME="$spark_home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 SPARK_CONF_DIR="$spark_home/conf"
java_cmd="java"
[ -n "${JAVA_HOME:-}" ] && java_cmd="$JAVA_HOME/bin/java"
opens=(-XX:+IgnoreUnrecognizedVMOptions
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true
  -Dlog4j2.configurationFile="$spark_home/conf/log4j2.properties" -Duser.timezone=UTC)
cp_spark="$spark_home/conf:$spark_home/jars/*"
master="spark://127.0.0.1:$port"

pids=()
stop() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  echo "[cluster] stopped; logs in $work" >&2
}
trap stop EXIT

wait_for() { # file pattern count seconds
  local deadline=$((SECONDS + $4))
  until [ "$(grep -c "$2" "$1" 2>/dev/null || true)" -ge "$3" ]; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "[cluster] timed out waiting for '$2' in $1:" >&2; tail -20 "$1" >&2; exit 1
    fi
    sleep 0.5
  done
}

echo "[cluster] starting a Master on $master and two Workers (work folder $work)" >&2
"$java_cmd" "${opens[@]}" -Xmx512m -cp "$cp_spark" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port "$port" --webui-port 0 > "$work/master.log" 2>&1 &
pids+=($!)
wait_for "$work/master.log" "I have been elected leader" 1 90
for i in 1 2; do
  mkdir -p "$work/worker-$i"
  "$java_cmd" "${opens[@]}" -Xmx512m -cp "$cp_spark" org.apache.spark.deploy.worker.Worker "$master" \
    --host 127.0.0.1 --cores 1 --memory 2g --work-dir "$work/worker-$i" --webui-port 0 > "$work/worker-$i.log" 2>&1 &
  pids+=($!)
done
wait_for "$work/master.log" "Registering worker" 2 90
echo "[cluster] 2 workers registered; submitting run" >&2

set +e
"$java_cmd" "${opens[@]}" -Xmx2g -Djava.awt.headless=true -cp "$cp_spark" org.apache.spark.deploy.SparkSubmit \
  --master "$master" --deploy-mode client --class ca.hotlinetrends.cli.HotlineTrends \
  --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
  --conf spark.executor.memory=1g --conf spark.cores.max=2 \
  --conf "spark.executor.extraJavaOptions=-Duser.timezone=UTC" \
  "$jar" run "$@"
code=$?
set -e
echo "[cluster] run exited with $code" >&2
exit "$code"
