package io.qpwscope.engine.host;

/** {@link HostSource#UNKNOWN}: wall time only; every interval is reported as kernel time. */
final class UnknownTime implements HostTimeReader {
    @Override
    public HostSource source() {
        return HostSource.UNKNOWN;
    }

    @Override
    public boolean read(HostReading into) {
        into.set(System.nanoTime(), HostReading.UNKNOWN, HostReading.UNKNOWN, HostReading.UNKNOWN);
        return true;
    }

    @Override
    public long slices() {
        return HostReading.UNKNOWN;
    }

    @Override
    public void close() {}
}
