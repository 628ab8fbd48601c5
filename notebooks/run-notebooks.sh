#!/usr/bin/env bash
# Sets up and executes every researcher notebook (notebooks/NN-*.ipynb) headless; exits non-zero if any fails.
# On a fresh machine it installs Jupyter from Debian packages (root, apt), fetches the rapaio Java kernel from
# Maven Central, builds the project if needed, publishes a demo release (unless a warehouse is given), installs
# the kernel with the project's classpath into notebooks/target/jupyter and runs each notebook with nbconvert.
#
# Usage: notebooks/run-notebooks.sh [--warehouse DIR] [--release R] [--out DIR] [--setup-only] [NOTEBOOK...]
#   --warehouse DIR  read DIR/published/ instead of publishing a demo release into notebooks/target/demo-warehouse
#   --release R      release quarter (default: the latest under DIR/published/)
#   --out DIR        where the executed notebooks, charts and logs go (default notebooks/target/executed)
#   --setup-only     install the kernel and print the command that opens the notebooks in Jupyter; run nothing
# Environment overrides: NOTEBOOK_WAREHOUSE (as --warehouse), NOTEBOOK_KERNEL_JAR (a rapaio-jupyter-kernel jar
# instead of fetching it), NOTEBOOK_CLASSPATH (':'-separated classpath instead of the project's build),
# NOTEBOOK_CELL_TIMEOUT (seconds per cell, default 600), NOTEBOOK_KERNEL_HEAP (kernel -Xmx, default 3g), JAVA_HOME.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
target="$here/target"
kernel_version="3.0.1"
kernel_name="hotline-trends-java"

warehouse="${NOTEBOOK_WAREHOUSE:-}"
release="${HOTLINE_RELEASE:-}"
out="$target/executed"
setup_only=false
notebooks=()
while [ $# -gt 0 ]; do
  case "$1" in
    --warehouse) warehouse="$2"; shift 2 ;;
    --release) release="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --setup-only) setup_only=true; shift ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "run-notebooks: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) notebooks+=("$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"); shift ;;
  esac
done
if [ ${#notebooks[@]} -eq 0 ]; then
  notebooks=("$here"/[0-9][0-9]-*.ipynb)
fi

step() { echo "[notebooks] $*" >&2; }

# 1. Jupyter (nbconvert executes the notebooks) from Debian packages.
if ! command -v jupyter >/dev/null 2>&1 || ! jupyter nbconvert --version >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "run-notebooks: Jupyter is missing; as root: apt-get install jupyter-notebook jupyter-nbconvert jupyter-client python3-ipykernel" >&2
    exit 2
  fi
  step "installing Jupyter (Debian packages)..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq jupyter-notebook jupyter-nbconvert jupyter-client python3-ipykernel >/dev/null
fi
python=python3
[ -x /usr/bin/python3 ] && python=/usr/bin/python3

# 2. A JDK 17+ with JShell (the kernel evaluates cells with it).
java_cmd="$(command -v "${JAVA_HOME:+$JAVA_HOME/bin/}java" || true)"
case "$([ -n "$java_cmd" ] && "$java_cmd" --list-modules 2>/dev/null)" in
  *jdk.jshell@*) ;;
  *) echo "run-notebooks: needs a JDK 17+ with jdk.jshell on the PATH or in JAVA_HOME" >&2; exit 2 ;;
esac

# 3. The kernel jar, from Maven Central.
kernel_jar="${NOTEBOOK_KERNEL_JAR:-$target/kernel/rapaio-jupyter-kernel-$kernel_version.jar}"
if [ ! -f "$kernel_jar" ]; then
  step "fetching io.github.padreati:rapaio-jupyter-kernel:$kernel_version..."
  (cd "$repo" && ./mvnw -q -B -N dependency:copy \
      -Dartifact="io.github.padreati:rapaio-jupyter-kernel:$kernel_version" -DoutputDirectory="$target/kernel") >&2
fi

# 4. The project's classpath (the launcher builds when the jar is missing or stale).
if [ -n "${NOTEBOOK_CLASSPATH:-}" ]; then
  classpath="$NOTEBOOK_CLASSPATH"
else
  "$repo/bin/hotline-trends" --version >/dev/null
  classpath="$repo/jobs/target/hotline-trends-jobs.jar:$(cat "$repo/jobs/target/runtime-classpath.txt")"
fi

# 5. A published release to read: the given warehouse, or a fresh demo release.
if [ -z "$warehouse" ]; then
  warehouse="$target/demo-warehouse"
  step "publishing a demo release into $warehouse..."
  rm -rf "$warehouse"
  "$repo/bin/hotline-trends" demo --warehouse "$warehouse" >&2
fi
warehouse="$(cd "$warehouse" && pwd)"

# 6. The kernel, in a private Jupyter path. Its JVM gets the launcher's --add-opens (Spark on Java 17+), headless
# AWT for charts, Spark's log4j2 output routed to a file, and notebooks/kernel first on the classpath for its
# java.util.logging configuration (see kernel/logging.properties). RJK_CLASSPATH is the same classpath for the
# JShell compiler; the kernel splits it on ';'.
mkdir -p "$target/jupyter/kernels/$kernel_name" "$target/runtime" "$out"
out="$(cd "$out" && pwd)"
log_dir="$out/logs"
mkdir -p "$log_dir"
"$python" - "$target/jupyter/kernels/$kernel_name/kernel.json" "$java_cmd" "$here/kernel" "$classpath" \
    "$kernel_jar" "${NOTEBOOK_KERNEL_HEAP:-3g}" "$log_dir/spark.log" <<'EOF'
import json, sys
path, java, kernel_dir, classpath, kernel_jar, heap, spark_log = sys.argv[1:]
opens = ["java.lang", "java.lang.invoke", "java.lang.reflect", "java.io", "java.net", "java.nio", "java.util",
         "java.util.concurrent", "java.util.concurrent.atomic", "jdk.internal.ref", "sun.nio.ch", "sun.nio.cs",
         "sun.security.action", "sun.util.calendar"]
jars = [j for j in classpath.split(":") if j]
argv = ([java, "-XX:+IgnoreUnrecognizedVMOptions"] + ["--add-opens=java.base/%s=ALL-UNNAMED" % p for p in opens]
        + ["-Djdk.reflect.useDirectMethodHandle=false", "-Dio.netty.tryReflectionSetAccessible=true",
           "-Xmx" + heap, "-Duser.timezone=UTC", "-Djava.awt.headless=true",
           "-Dlog4j2.configurationFile=" + kernel_dir + "/log4j2.properties", "-Dhotline.notebook.log=" + spark_log,
           "-cp", ":".join([kernel_dir] + jars + [kernel_jar]),
           "org.rapaio.jupyter.kernel.MainApp", "{connection_file}"])
spec = {"argv": argv, "display_name": "Java (hotline-trends, Spark)", "language": "java",
        "interrupt_mode": "message",
        "env": {"RJK_CLASSPATH": ";".join(jars), "RJK_TIMEOUT_MILLIS": "-1", "RJK_COMPILER_OPTIONS": "",
                "RJK_INIT_SCRIPT": "", "SPARK_LOCAL_IP": "127.0.0.1"}}
with open(path, "w") as f:
    json.dump(spec, f, indent=1)
EOF
export JUPYTER_PATH="$target/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
export JUPYTER_RUNTIME_DIR="$target/runtime"
export HOTLINE_WAREHOUSE="$warehouse"
[ -n "$release" ] && export HOTLINE_RELEASE="$release"
step "kernel $kernel_name (rapaio $kernel_version, $("$java_cmd" -version 2>&1 | head -1)), warehouse $warehouse"

if $setup_only; then
  echo "To open the notebooks:"
  echo "  cd $here && JUPYTER_PATH=$JUPYTER_PATH HOTLINE_WAREHOUSE=$warehouse jupyter notebook"
  exit 0
fi

# 7. Execute each notebook. Errors are kept in the executed copy (--allow-errors) and looked for there: the kernel
# reports a failed `%load` as an error output, not as a failed cell. rapaio 3.0.1 sometimes starts without a
# working shell channel: its Shell-0 thread dies on a NullPointerException in Channels.getHandler (the channel's loop
# starts before its handlers are set; 1 start in 13 here, 2026-12-06), and a kernel has been seen to exit before
# answering kernel_info (CI), so a kernel that does not start is retried, four times at most; what it printed is
# shown before the retry.
export HOTLINE_CHART_DIR="$out/charts"
first_error() {
  "$python" - "$1" <<'EOF'
import json, sys
cells = json.load(open(sys.argv[1]))["cells"]
for i, cell in enumerate(cells):
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            source = "".join(cell["source"]).strip().splitlines()
            message = (output.get("evalue") or "").strip().splitlines()
            print("cell %d (%s): %s: %s" % (i + 1, source[0] if source else "", output.get("ename"),
                                            message[0] if message else ""))
            sys.exit(0)
sys.exit(1)
EOF
}
failed=()
t0=$SECONDS
for nb in "${notebooks[@]}"; do
  name="$(basename "$nb" .ipynb)"
  log="$log_dir/$name.log"
  for attempt in 1 2 3 4 5; do
    t=$SECONDS
    rm -f "$out/$name.ipynb"
    status=ok
    jupyter nbconvert --to notebook --execute --allow-errors --output-dir "$out" \
        --ExecutePreprocessor.kernel_name="$kernel_name" \
        --ExecutePreprocessor.timeout="${NOTEBOOK_CELL_TIMEOUT:-600}" \
        --ExecutePreprocessor.startup_timeout=20 "$nb" >"$log" 2>&1 || status="nbconvert failed"
    if [ "$status" != ok ] && grep -q -e "Kernel didn't respond" -e "Kernel died before replying" "$log" \
        && [ "$attempt" -lt 5 ]; then
      step "$name: kernel did not start (attempt $attempt), retrying; its output before the traceback:"
      # awk, not grep -v: a kernel that printed nothing must not stop the script (pipefail, set -e).
      kernel_said="$(awk '/^Traceback/ { exit } !/^Parsing classpath: / && !/^Add .* to classpath$/ && !/^\[NbConvertApp\]/' \
          "$log" | tail -15)"
      echo "${kernel_said:-  (nothing)}" >&2
      continue
    fi
    if [ "$status" = ok ] && error="$(first_error "$out/$name.ipynb")"; then
      status="$error"
    fi
    if [ "$status" = ok ]; then
      step "$name: ok ($((SECONDS - t)) s)"
    else
      step "$name: FAILED after $((SECONDS - t)) s: $status"
      grep -v -e '^Parsing classpath: ' -e '^Add .* to classpath$' "$log" | tail -30 >&2
      failed+=("$name")
    fi
    break
  done
done
step "${#notebooks[@]} notebooks in $((SECONDS - t0)) s; executed copies in $out, logs in $log_dir"
if [ ${#failed[@]} -gt 0 ]; then
  step "failed: ${failed[*]}"
  exit 1
fi
