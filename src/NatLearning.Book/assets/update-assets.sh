#!/usr/bin/env bash
# Re-fetches the JavaScript the offline book inlines, from npm, at the pinned versions below, and records what it got.
# The files are committed so that building the book needs no network; run this only to change a version.
set -euo pipefail
cd "$(dirname "$0")"
MERMAID=12.3.0
PLOTLY=4.1.2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "mermaid@$MERMAID" "plotly.js-dist-min@$PLOTLY" >/dev/null)
tar -xzf "$tmp/mermaid-$MERMAID.tgz" -C "$tmp" package/dist/mermaid.min.js
cp "$tmp/package/dist/mermaid.min.js" mermaid.min.js
rm -rf "$tmp/package"
tar -xzf "$tmp/plotly.js-dist-min-$PLOTLY.tgz" -C "$tmp" package/plotly.min.js
cp "$tmp/package/plotly.min.js" plotly.min.js
{
  echo "mermaid $MERMAID mermaid.min.js sha256=$(sha256sum mermaid.min.js | cut -d' ' -f1)"
  echo "plotly.js-dist-min $PLOTLY plotly.min.js sha256=$(sha256sum plotly.min.js | cut -d' ' -f1)"
} > VERSIONS.txt
cat VERSIONS.txt
