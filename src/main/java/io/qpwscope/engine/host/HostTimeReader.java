package io.qpwscope.engine.host;

/**
 * Reads one thread's host clocks into a reused {@link HostReading}. Obtained from
 * {@link HostTime#openCurrentThread()} by the thread itself; single owner, not thread-safe.
 */
public interface HostTimeReader extends AutoCloseable {
    HostSource source();

    /**
     * Fills {@code into}: wall time always; run, wait and slices as far as the source has them
     * ({@link HostReading#UNKNOWN} otherwise).
     *
     * @return false if the source failed this time (wall is still set, the rest unknown)
     */
    boolean read(HostReading into);

    /**
     * The cheap check: @return the thread's switch-in count now (one read, no CPU clock), or
     * {@link HostReading#UNKNOWN}. Unchanged across an interval means the thread never left
     * its core in it: steal and pause were exactly 0.
     */
    long slices();

    @Override
    void close();
}
