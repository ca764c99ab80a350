package io.qpwscope.engine.qpw;

/**
 * The left half of the padding that gives a lock's hot words a cache line of their own
 * (LMAX Disruptor's {@code LhsPadding -> Value -> RhsPadding}).
 *
 * <p>Why a class hierarchy: HotSpot lays out a class's own fields largest first and drops
 * small ones into any gap, so padding longs declared next to an int in one class end up on
 * one side of it, with the int in the header gap or after all the longs. Fields of a
 * superclass, though, always come before those of a subclass. A lock therefore declares its
 * hot words in a class that extends this one ({@code PerCpuSpinlockWords},
 * {@code LocalLockWords}, {@code YieldingSpinlockWord}) and its right-hand padding in the
 * final class ({@code p11..p18}, 64 bytes), so the hot words sit between 64-byte pads.
 *
 * <p>How many bytes: {@code p00} fills the 4-byte gap after a 12-byte object header
 * (compressed class pointers), where the JVM would otherwise put a subclass's int; then
 * eight longs, 64 bytes. With an 8-byte header (compact headers) {@code p00} simply sits in
 * front of the longs. {@code CacheLinePaddingTest} checks the layout with JOL.
 */
abstract class LhsPadding {
    @SuppressWarnings("unused") private int p00;
    @SuppressWarnings("unused") private long p01, p02, p03, p04, p05, p06, p07, p08;
}
