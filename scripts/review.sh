#!/usr/bin/env bash
# The main job: set everything up, then open the review TUI on the bundled corpus
# (corpora/caspian-nato-ru-en, imported on first run into a working project in your data folder).
# Extra arguments go to 'mtreview review', e.g. scripts/review.sh --reviewer anna
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-env.sh neural,fast,embed
exec .venv/bin/mtreview review "$@"
