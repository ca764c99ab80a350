package io.qpwscope.ftrace.capture;

import io.qpwscope.trace.EventType;
import io.qpwscope.trace.LaneEvents;
import io.qpwscope.trace.Recording;
import io.qpwscope.trace.TraceDescriptor;

/**
 * The headline of a capture: the loop CPU's kworker interruptions and the trigger CPU's flush waits
 * on the loop CPU.
 */
public record CaptureFigures(int interruptions, long longestInterruptionNs, int flushWaits, long longestFlushWaitNs) {

    public static CaptureFigures of(Recording rec, int loopCpu, int triggerCpu) {
        int n = 0, w = 0;
        long longest = 0, longestWait = 0;
        LaneEvents loop = rec.lane(loopCpu);
        for (int i = loop.firstIndex(); i < loop.size(); i++) {
            if (loop.type(i) == EventType.INTERRUPTION.code) {
                n++;
                longest = Math.max(longest, loop.payload(i));
            }
        }
        LaneEvents trig = rec.lane(triggerCpu);
        for (int i = trig.firstIndex(); i < trig.size(); i++) {
            if (trig.type(i) == EventType.FLUSH_WAIT.code && TraceDescriptor.peer(trig.meta(i)) == loopCpu) {
                w++;
                longestWait = Math.max(longestWait, trig.payload(i));
            }
        }
        return new CaptureFigures(n, longest, w, longestWait);
    }
}
