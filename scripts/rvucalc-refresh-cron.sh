#!/usr/bin/env bash
# Cron-ready wrapper for `rvucalc data refresh`.
#
#   rvucalc-refresh-cron.sh [--json] [any `rvucalc data refresh` options]
#
# Prints one summary line (or, with --json, the JSON summary) on stdout; details go to
# stderr. Exit codes: 0 installed or up to date; 1 a refresh failed (nothing was changed
# for that release); 2 bad usage; 3 rvucalc is not installed. Example crontab line:
#   17 6 * * 1  /path/to/rvucalc-refresh-cron.sh >> ~/rvucalc-refresh.log 2>&1
set -u
RVUCALC=${RVUCALC:-rvucalc}
command -v "$RVUCALC" >/dev/null 2>&1 || { echo "rvucalc-refresh: $RVUCALC not found" >&2; exit 3; }

json=0
args=()
for arg in "$@"; do
  if [ "$arg" = "--json" ]; then json=1; else args+=("$arg"); fi
done

if [ "$json" = 1 ]; then
  "$RVUCALC" data refresh --json "${args[@]}"
  exit $?
fi
errors=$(mktemp)
"$RVUCALC" data refresh "${args[@]}" 2>"$errors"
status=$?
summary=$(grep '^rvucalc data refresh:' "$errors" | tail -n 1)
cat "$errors" >&2
rm -f "$errors"
echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) ${summary:-rvucalc data refresh: exit $status}"
exit $status
