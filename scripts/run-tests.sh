#!/usr/bin/env bash
# The whole suite: lint, then pytest. Daemons the tests need (pcscd + vpcd, PostgreSQL) are started
# and stopped by the tests' own fixtures, so a test run leaves nothing behind.
set -uo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
export PYTHONDONTWRITEBYTECODE=1
.venv/bin/ruff check . || exit 1
.venv/bin/python -m pytest "$@"
rc=$?
# pytest's 5 means "no tests ran": that is a failure for us, never a pass.
exit $rc
