package io.qpwscope.trace.lod;

/**
 * What one CPU was doing at one moment, for a tooltip: filled by
 * {@link RecordingIndex#stateAt}. Reusable; one per reading thread.
 */
public final class StateProbe {
    final LaneCursor cursor = new LaneCursor();
    /** {@link LaneState} code, or {@link LaneState#NO_DATA}. */
    int state = LaneState.NO_DATA;
    long machine;
    /** Index of the last event at or before the time, -1 if none. */
    int eventIndex = -1;
    int heldBy = -1;
    long heldSince;

    public int state() { return state; }
    public LaneState laneState() { return LaneState.ofCode(state); }
    /** @return {@code TraceDescriptor.TASK_*}: what the CPU ran. */
    public int taskKind() { return LaneMachine.taskKind(machine); }
    public int localLocks() { return LaneMachine.localLocks(machine); }
    public int remoteLocks() { return LaneMachine.remoteLocks(machine); }
    public int inlineWork() { return LaneMachine.inlineWork(machine); }
    public int workerWork() { return LaneMachine.workerWork(machine); }
    public int irqOff() { return LaneMachine.irqOff(machine); }
    /** @return the other CPU of the last lock acquisition or work start, or -1. */
    public int lastPeer() { return LaneMachine.lastPeer(machine); }
    public int eventIndex() { return eventIndex; }
    /** @return the CPU holding one of this CPU's locks at that time, or -1. */
    public int heldBy() { return heldBy; }
    /** @return when {@link #heldBy()} took it. */
    public long heldSince() { return heldSince; }
}
