#!/usr/bin/env bash
# Renders previews of a release's documents to PNG, to look at them as a reader would:
#   the policy briefs (PDF) page by page with pdftoppm, the newsletters (HTML) with headless Chromium.
# Usage: reports/render-previews.sh RELEASE_DIR OUT_DIR
#   RELEASE_DIR  published/<release>/ after the reports were rendered (holds reports/ and charts/)
#   OUT_DIR      where the PNGs go (created)
# Installs Debian's poppler-utils and chromium when they are missing (needs root and the Debian mirror).
set -euo pipefail

if [ "$#" -ne 2 ]; then
  echo "usage: $0 RELEASE_DIR OUT_DIR" >&2
  exit 2
fi
release_dir="$(cd "$1" && pwd)"
out_dir="$2"
mkdir -p "$out_dir"
out_dir="$(cd "$out_dir" && pwd)"
reports="$release_dir/reports"
if [ ! -d "$reports" ]; then
  echo "no reports/ in $release_dir: render the release first" >&2
  exit 1
fi

chromium_bin() {
  command -v chromium 2>/dev/null || command -v chromium-browser 2>/dev/null || true
}

missing=()
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
[ -n "$(chromium_bin)" ] || missing+=(chromium)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "[previews] installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi
chromium="$(chromium_bin)"

shopt -s nullglob
count=0
for pdf in "$reports"/*.pdf; do
  name="$(basename "$pdf" .pdf)"
  # 110 dpi: a letter page is 935 px wide, enough to read 7.8 pt table text.
  pdftoppm -png -r 110 "$pdf" "$out_dir/$name-page"
  count=$((count + $(ls "$out_dir/$name-page"*.png | wc -l)))
done

for html in "$reports"/*.html; do
  name="$(basename "$html" .html)"
  # The first screen as an e-mail client shows it, then the whole newsletter.
  for shot in "$name.png 700,2400" "$name-full.png 700,3000"; do
    set -- $shot
    profile="$(mktemp -d)"
    "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
      --disable-background-networking --disable-component-update --disable-sync \
      --user-data-dir="$profile" --hide-scrollbars --force-device-scale-factor=1 \
      --screenshot="$out_dir/$1" --window-size="$2" "file://$html" >/dev/null 2>&1
    rm -rf "$profile"
    count=$((count + 1))
  done
done

echo "[previews] $count PNG files in $out_dir"
