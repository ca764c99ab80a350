package io.qpwscope.recording;

/**
 * The footer chunk as read: where each chunk was written and how many events each CPU had
 * (see the FOOTER BODY in {@link RecordingFileDescriptor}).
 *
 * @param chunkOffsets      per CPU, the file offsets of its events chunks in order
 * @param eventsPerCpu      per CPU, the events the writer wrote
 * @param annotationOffsets file offsets of the annotation chunks
 * @param indexedCount      the chunk count in the footer's frame
 */
record FooterIndex(long totalEvents, long[][] chunkOffsets, long[] eventsPerCpu, long[] annotationOffsets,
                   int indexedCount, long overruns) {

    /** Every indexed offset in file order. */
    long[] allOffsets() {
        int n = annotationOffsets.length;
        for (long[] o : chunkOffsets) n += o.length;
        long[] all = new long[n];
        int k = 0;
        for (long[] o : chunkOffsets) for (long x : o) all[k++] = x;
        for (long x : annotationOffsets) all[k++] = x;
        java.util.Arrays.sort(all);
        return all;
    }
}
