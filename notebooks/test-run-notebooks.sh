#!/usr/bin/env bash
# Checks run-notebooks.sh's handling of a kernel that does not start, the path a healthy CI run rarely takes (rapaio
# 3.0.1's start-up race, see run-notebooks.sh): with a fake kernel that exits at once, the script must try five times,
# show what the kernel printed (or "(nothing)") before each retry, then report the notebook FAILED and exit 1. Run
# by .ci/run after the notebooks; needs Jupyter (run-notebooks.sh installs it) and a JDK. Prints "ok" or what failed.
# It leaves the fake kernel in notebooks/target/jupyter's kernel spec; run-notebooks.sh writes the real one again on
# its next run (with --setup-only too).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# A kernel main class that prints $FAKE_KERNEL_SAY (when set) and exits with status 1, as a kernel that dies at
# start-up does.
mkdir -p "$work/src/org/rapaio/jupyter/kernel" "$work/classes" "$work/warehouse"
cat > "$work/src/org/rapaio/jupyter/kernel/MainApp.java" <<'EOF'
package org.rapaio.jupyter.kernel;

public final class MainApp {
    public static void main(String[] args) {
        String say = System.getenv("FAKE_KERNEL_SAY");
        if (say != null && !say.isEmpty()) {
            System.err.println(say);
        }
        System.exit(1);
    }
}
EOF
javac -d "$work/classes" "$work/src/org/rapaio/jupyter/kernel/MainApp.java"
jar cf "$work/fake-kernel.jar" -C "$work/classes" .

notebook="$(ls "$here"/[0-9][0-9]-*.ipynb | head -1)"
failures=0
# The lines shown right after each "retrying" line (what the script says the kernel printed), one per retry.
shown() { awk '/retrying; its output before the traceback:$/ { getline; print }' "$1"; }
check() { # name, expected exit status, output file, then patterns that must (+) or must not (-) occur, or N:count
  local name="$1" want="$2" got="$3" out="$4"
  shift 4
  if [ "$got" != "$want" ]; then
    echo "test-run-notebooks: $name: exit $got, expected $want" >&2
    failures=$((failures + 1))
  fi
  for rule in "$@"; do
    local kind="${rule%%:*}" text="${rule#*:}"
    case "$kind" in
      +) grep -qF -- "$text" "$out" || { echo "test-run-notebooks: $name: no '$text' in the output" >&2; failures=$((failures + 1)); } ;;
      -) ! grep -qF -- "$text" "$out" || { echo "test-run-notebooks: $name: '$text' in the output" >&2; failures=$((failures + 1)); } ;;
      *) local n; n="$(grep -cF -- "$text" "$out" || true)"
         [ "$n" = "$kind" ] || { echo "test-run-notebooks: $name: '$text' $n times, expected $kind" >&2; failures=$((failures + 1)); } ;;
    esac
  done
}

run() { # name, then environment assignments
  local name="$1"
  shift
  local status=0
  env "$@" NOTEBOOK_KERNEL_JAR="$work/fake-kernel.jar" NOTEBOOK_CLASSPATH="$work/classes" \
      "$here/run-notebooks.sh" --warehouse "$work/warehouse" --out "$work/out-$name" "$notebook" \
      > "$work/$name.log" 2>&1 || status=$?
  echo "$status"
}

# A kernel that dies silently: five attempts, "(nothing)" before each of the four retries, then FAILED.
status="$(run silent FAKE_KERNEL_SAY=)"
check silent 1 "$status" "$work/silent.log" \
    "+:kernel did not start (attempt 4), retrying" "-:(attempt 5)" "+:FAILED after" \
    "+:failed: $(basename "$notebook" .ipynb)"
shown "$work/silent.log" > "$work/silent.shown"
check silent-shown 0 0 "$work/silent.shown" "4:(nothing)"
# A kernel that says why: its line is shown before each retry.
status="$(run says FAKE_KERNEL_SAY="fake kernel: no shell channel")"
check says 1 "$status" "$work/says.log" "+:kernel did not start (attempt 4), retrying" "+:FAILED after"
shown "$work/says.log" > "$work/says.shown"
check says-shown 0 0 "$work/says.shown" "4:fake kernel: no shell channel" "-:(nothing)"

if [ "$failures" -gt 0 ]; then
  echo "test-run-notebooks: $failures check(s) failed; the script's output:" >&2
  cat "$work/silent.log" "$work/says.log" >&2
  exit 1
fi
echo "test-run-notebooks: ok (a kernel that dies at start-up is tried five times, then the notebook is reported failed)"
