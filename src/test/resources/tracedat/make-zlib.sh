#!/bin/sh
# Makes v7-zlib.dat: a real capture on this machine, written zlib-compressed by trace-cmd itself.
# Debian's trace-cmd 3.1.6 is built with zstd only (`trace-cmd list -c`; convert says "Compression
# algorithm zlib is not supported"), so this takes trace-cmd 3.1.6 built from source (git 0a68daed,
# "trace-cmd: Version 3.1.6") with zlib1g-dev, libtracefs-dev and libtraceevent-dev installed:
# `make NO_PYTHON=1 trace-cmd` -> tracecmd/trace-cmd ("Have zlib compression support").
# usage (root, 2+ CPUs): TRACE_CMD_ZLIB=/path/to/tracecmd/trace-cmd make-zlib.sh OUTDIR
# Writes OUTDIR/v7-zlib.dat and OUTDIR/v7-zlib.dat.expected (expected.sh run with that trace-cmd, the
# only one here that reads zlib). To stay small (< 200 KB) the file's kallsyms holds only the work
# functions the capture ran: /proc/kallsyms is bind-mounted over by those lines, in a private mount
# namespace, while trace-cmd extracts. The instance holds workqueue, sched_switch/wakeup, irq and softirq.
set -eu
T=/sys/kernel/tracing
TC=${TRACE_CMD_ZLIB:?set TRACE_CMD_ZLIB to a trace-cmd built with zlib}
OUT=$(cd "${1:?output directory}" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)
[ -f $T/trace ] || mount -t tracefs nodev $T
I=$T/instances/qpwdat
mkdir $I
trap '[ -d $I ] && { echo 0 > $I/tracing_on; rmdir $I; }; rm -f /tmp/qpwzlib.tmp' EXIT
echo 32 > $I/buffer_size_kb
for e in workqueue/workqueue_queue_work workqueue/workqueue_execute_start workqueue/workqueue_execute_end \
         sched/sched_switch sched/sched_wakeup irq/irq_handler_entry irq/irq_handler_exit irq/softirq_entry irq/softirq_exit; do
  echo 1 > $I/events/$e/enable
done
echo 1 > $I/tracing_on
# a task with pages in CPU 1's LRU batches, then lru_add_drain_all from CPU 0
taskset -c 1 sh -c 'dd if=/dev/zero of=/tmp/qpwzlib.tmp bs=4k count=64 2>/dev/null; sleep 0.2'
taskset -c 0 sh -c 'echo 1 > /proc/sys/vm/compact_memory'
sleep 0.3
echo 0 > $I/tracing_on
sed -n 's/.*function[= ]\([A-Za-z0-9_.]*\).*/\1/p' $I/trace | sort -u > "$OUT/funcs.txt"
awk 'NR == FNR { f[$1] = 1; next } ($3 in f)' "$OUT/funcs.txt" /proc/kallsyms > "$OUT/kallsyms.small"
unshare -m sh -c "mount --bind '$OUT/kallsyms.small' /proc/kallsyms && '$TC' extract -B qpwdat --compression zlib -o '$OUT/v7-zlib.dat'" >/dev/null
rm -f "$OUT/funcs.txt" "$OUT/kallsyms.small"
PATH=$(dirname "$TC"):$PATH "$HERE/expected.sh" "$OUT/v7-zlib.dat" > "$OUT/v7-zlib.dat.expected"
