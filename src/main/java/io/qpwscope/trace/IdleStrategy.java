package io.qpwscope.trace;

/** What a polling worker does when a {@code doWork()} round found nothing to do. */
public interface IdleStrategy {
    /** @param workCount what the last round did; &gt; 0 resets any back-off. */
    void idle(int workCount);

    /** Forgets the back-off state, as after work was found. */
    void reset();
}
