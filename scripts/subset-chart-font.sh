#!/usr/bin/env bash
# Regenerates assets/fonts/chart-*.otf: Noto Sans CJK JP cut down to exactly the characters
# the timeline chart draws (`summit-bot chart --glyphs`) plus the ten digits and a space.
# Run it after a change to responses/ that adds a character the chart has not drawn before
# (the test `every_character_drawn_is_in_the_font` says when).
#
# Needs: Debian's fonts-noto-cjk (apt-get install fonts-noto-cjk) and fonttools
# (pip install fonttools). The chart never reads a system font at run time.
set -euo pipefail
cd "$(dirname "$0")/.."
NOTO=${NOTO:-/usr/share/fonts/opentype/noto}
chars=$(mktemp)
trap 'rm -f "$chars"' EXIT
if [ "${1:-}" = "--chars" ]; then
    cat "$2" >"$chars"
else
    cargo run --quiet -- chart --glyphs >"$chars"
fi
printf '0123456789 ' >>"$chars"
for weight in Regular Bold; do
    out="assets/fonts/chart-$weight.otf"
    # Font 0 of the collection is the Japanese one; no hinting or layout tables are used
    # by the renderer, so they are left out to keep the file small.
    pyftsubset "$NOTO/NotoSansCJK-$weight.ttc" --font-number=0 --text-file="$chars" \
        --layout-features='' --no-hinting --desubroutinize --output-file="$out"
    echo "$out: $(wc -c <"$out") bytes"
done
