package io.qpwscope.trace.lod;

import io.qpwscope.trace.EventType;
import io.qpwscope.trace.TraceDescriptor;

/**
 * The intervals of one lane that overlap a window {@code [t0, t1)}, for drawing zoomed in:
 * begin/end pairs (LOCK_ACQUIRE..LOCK_RELEASE, WORK_START..WORK_END, TASK_SWITCH to a
 * kworker..back, IRQ_OFF..IRQ_ON, TRIGGER start..end), duration events
 * ({@code [ts - payload, ts]}: SPIN_WAIT, INTERRUPTION, NOISE, FLUSH_WAIT) and instants
 * (WORK_QUEUED, MODE_SWITCH, begin == end). Started by {@link RecordingIndex#intervals};
 * then {@code while (it.next()) draw(it.kind(), it.begin(), it.end(), ...)}. Reusable, no
 * allocation; order of the intervals is not by time.
 *
 * <p>Cost: the events in the window, plus those after it until every interval open at
 * {@code t1} has ended (at most {@value #SCAN_CAP}), plus the blocks after that whose
 * longest duration event could reach back into the window. Intervals open at {@code t0} are
 * known from the index's machine state there; their begin events are found by walking back
 * (at most {@value #SCAN_CAP} events), failing which they are reported from {@code t0} with
 * {@link #OPEN_BEGIN}. One still open when
 * the scan stops ends at the data end with {@link #OPEN_END}.
 */
public final class LaneIntervals {
    public enum Kind { LOCK, WORK, KWORKER, IRQS_OFF, TRIGGER, SPIN, INTERRUPTION, NOISE, FLUSH_WAIT, WORK_QUEUED, MODE_SWITCH }

    /** The begin was not found: {@link #begin()} is the window start. */
    public static final int OPEN_BEGIN = 1;
    /** The end was not found: {@link #end()} is where the scan stopped. */
    public static final int OPEN_END = 2;
    static final int SCAN_CAP = 1 << 16;
    private static final int MAX_OPEN = 64;
    private static final int MAX_PLACEHOLDERS = 4;
    private final int[] beginScratch = new int[MAX_PLACEHOLDERS];
    private static final Kind[] KINDS = Kind.values();

    private final LaneCursor cursor = new LaneCursor();
    /** The cursor's block buffer, bound to the same lane and size. */
    private final RowBuffer rows = cursor.rows;
    private long t0;
    private long t1;
    private long dataEnd;
    private int size;
    private int pos;
    private int scannedPastWindow;
    private boolean scanning;
    private boolean tail;
    private LaneIndex li;

    // open intervals, in the order they began
    private int open;
    private final int[] oKind = new int[MAX_OPEN];
    private final long[] oBegin = new long[MAX_OPEN];
    private final int[] oIndex = new int[MAX_OPEN];
    private final int[] oPeer = new int[MAX_OPEN];
    private final int[] oFn = new int[MAX_OPEN];
    private final int[] oAux = new int[MAX_OPEN];
    private final long[] oPayload = new long[MAX_OPEN];

    // the current interval
    private Kind kind;
    private long begin;
    private long end;
    private int peer;
    private int fn;
    private int aux;
    private long payload;
    private int beginIndex;
    private int endIndex;
    private int flags;

    void start(LaneIndex li, long t0, long t1, long endTs) {
        cursor.bind(li);
        this.li = li;
        this.size = cursor.size;
        this.t0 = t0;
        this.t1 = t1;
        this.dataEnd = Math.max(endTs, size == 0 ? 0 : rows.ts(size - 1));
        this.open = 0;
        this.scannedPastWindow = 0;
        this.scanning = true;
        this.tail = false;
        cursor.seekTime(t0);
        this.pos = cursor.pos;
        final long m = cursor.machine;
        openBefore(Kind.LOCK, LaneMachine.localLocks(m) + LaneMachine.remoteLocks(m));
        openBefore(Kind.WORK, LaneMachine.inlineWork(m) + LaneMachine.workerWork(m));
        openBefore(Kind.KWORKER, LaneMachine.taskKind(m) == TraceDescriptor.TASK_KWORKER ? 1 : 0);
        openBefore(Kind.IRQS_OFF, LaneMachine.irqOff(m));
        openBefore(Kind.TRIGGER, LaneMachine.triggers(m));
    }

    /**
     * Opens the n intervals of a kind the machine says are open at the window start, with
     * their begin events found by walking back and pairing ends with begins (at most
     * {@value #SCAN_CAP} events); those not found stay open with an unknown begin.
     */
    private void openBefore(Kind kd, int n) {
        n = Math.min(n, MAX_PLACEHOLDERS);
        if (n == 0) return;
        int found = 0;
        int pending = 0;
        final int stop = Math.max(0, pos - SCAN_CAP);
        for (int k = pos - 1; k >= stop && found < n; k--) {
            final int role = role(kd, rows.meta(k));
            if (role < 0) {
                pending++;
            } else if (role > 0) {
                if (pending > 0) pending--;
                else beginScratch[found++] = k;
            }
        }
        for (int j = found; j < n; j++) push(kd, Long.MIN_VALUE, -1, -1, 0, 0, 0);
        for (int j = found - 1; j >= 0; j--) {
            final int k = beginScratch[j];
            final long meta = rows.meta(k);
            push(kd, rows.ts(k), k, TraceDescriptor.peer(meta), TraceDescriptor.fn(meta), TraceDescriptor.aux(meta),
                    rows.payload(k));
        }
    }

    /** @return +1 if the event begins an interval of this kind, -1 if it ends one, else 0. */
    private static int role(Kind kd, long meta) {
        final int type = TraceDescriptor.type(meta);
        final int a = TraceDescriptor.aux(meta);
        return switch (kd) {
            case LOCK -> type == EventType.LOCK_ACQUIRE.code ? 1 : type == EventType.LOCK_RELEASE.code ? -1 : 0;
            case IRQS_OFF -> type == EventType.IRQ_OFF.code ? 1 : type == EventType.IRQ_ON.code ? -1 : 0;
            case TRIGGER -> type == EventType.TRIGGER.code ? (a == 0 ? 1 : -1) : 0;
            case WORK -> type == EventType.WORK_START.code ? 1 : type == EventType.WORK_END.code ? -1 : 0;
            case KWORKER -> {
                if (type != EventType.TASK_SWITCH.code) yield 0;
                final boolean fromK = ((a >>> 8) & 0xFF) == TraceDescriptor.TASK_KWORKER;
                final boolean toK = (a & 0xFF) == TraceDescriptor.TASK_KWORKER;
                yield toK && !fromK ? 1 : fromK && !toK ? -1 : 0;
            }
            default -> 0;
        };
    }

    /** @return true if an interval is current; false when the window is exhausted. */
    public boolean next() {
        while (scanning) {
            if (pos >= size) {
                scanning = false;
                break;
            }
            final int k = pos;
            final long ts = rows.ts(k);
            if (ts >= t1) {
                // begins after the window are still paired, so that an end is matched to its own begin
                if (open == 0) {
                    scanning = false;
                    tail = true;
                    break;
                }
                if (++scannedPastWindow > SCAN_CAP) {
                    scanning = false;
                    break;
                }
            }
            pos = k + 1;
            final long meta = rows.meta(k);
            if (handle(k, ts, meta, TraceDescriptor.type(meta), rows.payload(k))) return true;
        }
        while (open > 0 && oBegin[open - 1] >= t1) open--;
        if (open > 0) {
            final int j = open - 1;
            current(KINDS[oKind[j]], beginOrWindow(j), pos >= size ? dataEnd : rows.ts(pos - 1),
                    oPeer[j], oFn[j], oAux[j], oPayload[j], oIndex[j], -1,
                    OPEN_END | (oBegin[j] == Long.MIN_VALUE ? OPEN_BEGIN : 0));
            open--;
            return true;
        }
        return tail && tailScan();
    }

    /**
     * After the window, with nothing open: only duration events reaching back into the window
     * are left. Skips every block (and super-block) whose longest duration cannot reach back
     * that far; stops once even the lane's longest duration could not.
     */
    private boolean tailScan() {
        final long reach = li.maxDuration();
        while (pos < size) {
            final long ts = rows.ts(pos);
            if (ts - t1 >= reach) break;
            if ((pos & (LaneIndex.BLOCK - 1)) == 0) {
                final int b = pos >>> LaneIndex.BLOCK_SHIFT;
                if ((b & (LaneIndex.SUPER_BLOCKS - 1)) == 0
                        && (long) (b + LaneIndex.SUPER_BLOCKS) * LaneIndex.BLOCK <= size
                        && li.superMaxAll(b >>> LaneIndex.SUPER_SHIFT) <= ts - t1) {
                    pos += LaneIndex.SUPER_BLOCKS * LaneIndex.BLOCK;
                    continue;
                }
                if ((long) (b + 1) * LaneIndex.BLOCK <= size && li.blockMaxAll(b) <= ts - t1) {
                    pos += LaneIndex.BLOCK;
                    continue;
                }
            }
            final int k = pos++;
            final long meta = rows.meta(k);
            final int type = TraceDescriptor.type(meta);
            if (DurationChannel.OF_TYPE[type] >= 0 && handle(k, ts, meta, type, rows.payload(k))) return true;
        }
        tail = false;
        return false;
    }

    private long beginOrWindow(int j) {
        return oBegin[j] == Long.MIN_VALUE ? Math.max(t0, 0) : oBegin[j];
    }

    private boolean handle(int k, long ts, long meta, int type, long p) {
        final int pr = TraceDescriptor.peer(meta);
        final int f = TraceDescriptor.fn(meta);
        final int a = TraceDescriptor.aux(meta);
        final boolean inWindow = ts < t1;
        if (type == EventType.LOCK_ACQUIRE.code) {
            push(Kind.LOCK, ts, k, pr, f, a, p);
            return false;
        } else if (type == EventType.LOCK_RELEASE.code) {
            return closeWithDuration(Kind.LOCK, k, ts, pr, f, a, p, findOpen(Kind.LOCK, pr, f, Long.MIN_VALUE));
        } else if (type == EventType.IRQ_OFF.code) {
            push(Kind.IRQS_OFF, ts, k, pr, f, a, p);
            return false;
        } else if (type == EventType.IRQ_ON.code) {
            return closeWithDuration(Kind.IRQS_OFF, k, ts, pr, f, a, p, findOpen(Kind.IRQS_OFF, -2, -1, Long.MIN_VALUE));
        } else if (type == EventType.TRIGGER.code) {
            if (a == 0) {
                push(Kind.TRIGGER, ts, k, pr, f, a, p);
                return false;
            }
            return closeWithDuration(Kind.TRIGGER, k, ts, pr, f, a, p, findOpen(Kind.TRIGGER, -2, f, Long.MIN_VALUE));
        } else if (type == EventType.WORK_START.code) {
            push(Kind.WORK, ts, k, pr, f, a, p);
            return false;
        } else if (type == EventType.WORK_END.code) {
            return closeBySearch(Kind.WORK, k, ts, pr, f, a, p, findOpen(Kind.WORK, -2, -1, p));
        } else if (type == EventType.TASK_SWITCH.code) {
            final int prev = (a >>> 8) & 0xFF;
            final int next = a & 0xFF;
            if (next == TraceDescriptor.TASK_KWORKER && prev != TraceDescriptor.TASK_KWORKER) {
                push(Kind.KWORKER, ts, k, pr, f, a, p);
                return false;
            }
            if (prev == TraceDescriptor.TASK_KWORKER && next != TraceDescriptor.TASK_KWORKER) {
                return closeBySearch(Kind.KWORKER, k, ts, pr, f, a, p, findOpen(Kind.KWORKER, -2, -1, Long.MIN_VALUE));
            }
            return false;
        } else if (DurationChannel.OF_TYPE[type] >= 0) {
            final long b = p > 0 ? ts - p : ts;
            if (b >= t1) return false;
            final Kind kd = type == EventType.SPIN_WAIT.code ? Kind.SPIN
                    : type == EventType.INTERRUPTION.code ? Kind.INTERRUPTION
                    : type == EventType.NOISE.code ? Kind.NOISE : Kind.FLUSH_WAIT;
            current(kd, b, ts, pr, f, a, p, -1, k, 0);
            return true;
        } else if (type == EventType.WORK_QUEUED.code || type == EventType.MODE_SWITCH.code) {
            if (!inWindow) return false;
            current(type == EventType.WORK_QUEUED.code ? Kind.WORK_QUEUED : Kind.MODE_SWITCH, ts, ts, pr, f, a, p, k, k, 0);
            return true;
        }
        return false;
    }

    /** End event whose payload is the interval's duration (locks, irqs, triggers). */
    private boolean closeWithDuration(Kind kd, int k, long ts, int pr, int f, int a, long p, int j) {
        int bi = -1;
        long b;
        if (j >= 0 && oBegin[j] != Long.MIN_VALUE) {
            b = oBegin[j];
            bi = oIndex[j];
        } else {
            b = p > 0 ? ts - p : ts;
        }
        if (j >= 0) remove(j);
        if (b >= t1) return false;
        current(kd, b, ts, pr, f, a, p, bi, k, 0);
        return true;
    }

    /**
     * End event without a duration (work, kworker): its begin is the open one (found in the
     * window, or by {@link #openBefore} when open at the window start); an end with no open
     * begin lost it (an overrun) and is reported from the window start if it ends inside it.
     */
    private boolean closeBySearch(Kind kd, int k, long ts, int pr, int f, int a, long p, int j) {
        if (j >= 0 && oBegin[j] != Long.MIN_VALUE) {
            final long b = oBegin[j];
            final int bi = oIndex[j];
            remove(j);
            if (b >= t1) return false;
            current(kd, b, ts, pr, f, a, p, bi, k, 0);
            return true;
        }
        final boolean placeholder = j >= 0;
        if (placeholder) remove(j);
        if (!placeholder && ts >= t1) return false;
        current(kd, Math.max(t0, 0), ts, pr, f, a, p, -1, k, OPEN_BEGIN);
        return true;
    }

    /**
     * The most recent open interval of a kind matching peer (-2: any) and fn (-1: any) and,
     * for work, the sequence number; else the most recent placeholder of that kind; else -1.
     */
    private int findOpen(Kind kd, int pr, int f, long seq) {
        final int kc = kd.ordinal();
        for (int j = open - 1; j >= 0; j--) {
            if (oKind[j] != kc || oBegin[j] == Long.MIN_VALUE) continue;
            if (pr != -2 && oPeer[j] != pr) continue;
            if (f != -1 && oFn[j] != f) continue;
            if (seq != Long.MIN_VALUE && oPayload[j] != seq) continue;
            return j;
        }
        for (int j = open - 1; j >= 0; j--) {
            if (oKind[j] == kc && oBegin[j] == Long.MIN_VALUE) return j;
        }
        return -1;
    }

    private void push(Kind kd, long b, int bi, int pr, int f, int a, long p) {
        if (open == MAX_OPEN) remove(0);
        oKind[open] = kd.ordinal();
        oBegin[open] = b;
        oIndex[open] = bi;
        oPeer[open] = pr;
        oFn[open] = f;
        oAux[open] = a;
        oPayload[open] = p;
        open++;
    }

    private void remove(int j) {
        final int n = open - j - 1;
        System.arraycopy(oKind, j + 1, oKind, j, n);
        System.arraycopy(oBegin, j + 1, oBegin, j, n);
        System.arraycopy(oIndex, j + 1, oIndex, j, n);
        System.arraycopy(oPeer, j + 1, oPeer, j, n);
        System.arraycopy(oFn, j + 1, oFn, j, n);
        System.arraycopy(oAux, j + 1, oAux, j, n);
        System.arraycopy(oPayload, j + 1, oPayload, j, n);
        open--;
    }

    private void current(Kind kd, long b, long e, int pr, int f, int a, long p, int bi, int ei, int fl) {
        kind = kd;
        begin = b;
        end = e;
        peer = pr;
        fn = f;
        aux = a;
        payload = p;
        beginIndex = bi;
        endIndex = ei;
        flags = fl;
    }

    public Kind kind() { return kind; }
    public long begin() { return begin; }
    public long end() { return end; }
    /** @return the end event's peer (for an open interval, the begin event's), -1 if none. */
    public int peer() { return peer; }
    public int fn() { return fn; }
    public int aux() { return aux; }
    public long payload() { return payload; }
    /** @return lane index of the begin event, -1 if not known. */
    public int beginIndex() { return beginIndex; }
    /** @return lane index of the end event, -1 if open. */
    public int endIndex() { return endIndex; }
    /** @return {@link #OPEN_BEGIN} / {@link #OPEN_END} bits. */
    public int flags() { return flags; }
}
