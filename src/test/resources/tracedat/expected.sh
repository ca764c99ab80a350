#!/bin/sh
# Writes FILE.expected from `trace-cmd report -t` (ns timestamps): the first and last event
# timestamp and the count of each event name. TraceDatCrossCheckTest compares the reader with it.
# usage: expected.sh FILE.dat > FILE.dat.expected   (a .gz fixture: gunzip it to FILE.dat first)
set -eu
trace-cmd report -t -i "$1" 2>/dev/null | sed -nE 's/^.*\[[0-9]+\] +([0-9]+)\.([0-9]{9}): +([A-Za-z0-9_]+):.*$/\1\2 \3/p' | awk '
  { sub(/^0+/, "", $1) } NR == 1 { first = $1 } { last = $1; n[$2]++ }
  END { print "first " first; print "last " last; for (e in n) print "count " e " " n[e] }' | sort
