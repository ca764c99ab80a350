package io.qpwscope.recording;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.qpwscope.recording.RecordingFileDescriptor.CHUNK_ANNOTATIONS;
import static io.qpwscope.recording.RecordingFileDescriptor.CHUNK_EVENTS;
import static io.qpwscope.recording.RecordingReader.group;

/**
 * Turns the damage a reader skipped into notices that name what was lost, e.g.
 * "lost chunk 17 of 40: cpu 2, 1.204–1.311 s, 65,536 events (checksum mismatch at byte 3,145,728)".
 *
 * <p>With the footer, its index says which chunks lay in a damaged stretch, their CPU and
 * their number. Without it, each damaged stretch counts as one chunk and its header, if it
 * looks sound, names the CPU. The time range is the damaged header's when it fits between
 * the CPU's neighbouring chunks that did load, else the gap between those neighbours.
 */
final class LostChunkNotices {
    private final List<ChunkDamage> damages;
    private final FooterIndex footer;
    private final LoadedChunks loaded;
    private final int cpus;
    private final long[] laneSizes;
    private final int chunksLoaded;

    LostChunkNotices(List<ChunkDamage> damages, FooterIndex footer, LoadedChunks loaded, long[] laneSizes, int chunksLoaded) {
        this.damages = damages;
        this.footer = footer;
        this.loaded = loaded;
        this.cpus = laneSizes.length;
        this.laneSizes = laneSizes;
        this.chunksLoaded = chunksLoaded;
    }

    /** @param footerOffset where the end marker says the footer is, or -1 */
    List<LoadNotice> describe(long footerOffset) {
        List<LoadNotice> out = new ArrayList<>();
        for (ChunkDamage d : damages) {
            String where = " (" + d.problem() + " at byte " + group(d.start()) + ")";
            if (d.start() == footerOffset) {
                out.add(notice("lost the footer (the chunk index) at byte " + group(d.start()) + ": " + d.problem()
                        + "; every chunk before it was read"));
            } else if (footer != null) {
                out.addAll(describeIndexed(d, where));
            } else {
                int total = chunksLoaded + (int) damages.stream().filter(x -> x.start() != footerOffset).count();
                out.add(notice("lost chunk " + d.fileOrder() + " of " + total + ": " + whatWithoutIndex(d) + where));
            }
        }
        return out;
    }

    private List<LoadNotice> describeIndexed(ChunkDamage d, String where) {
        long[] all = footer.allOffsets();
        List<LoadNotice> out = new ArrayList<>();
        for (int k = 0; k < all.length; k++) {
            if (!d.contains(all[k])) continue;
            int cpu = cpuOf(all[k]);
            String what = cpu < 0 ? "annotations" : "cpu " + cpu + ", " + range(d, cpu, all[k]) + eventsLost(cpu);
            out.add(notice("lost chunk " + k + " of " + all.length + ": " + what + where));
        }
        if (out.isEmpty()) {
            out.add(notice("skipped damaged bytes " + group(d.start()) + ".." + group(d.end()) + where + "; no indexed chunk was there"));
        }
        return out;
    }

    private String whatWithoutIndex(ChunkDamage d) {
        if (d.magic() == CHUNK_ANNOTATIONS && d.cpu() == -1) return "annotations";
        if (d.magic() == CHUNK_EVENTS && d.cpu() >= 0 && d.cpu() < cpus) return "cpu " + d.cpu() + ", " + range(d, d.cpu(), d.start());
        return "chunk header damaged, cpu unknown";
    }

    /** The footer's CPU for an indexed offset, -1 for an annotations chunk. */
    private int cpuOf(long offset) {
        for (int c = 0; c < footer.chunkOffsets().length; c++) {
            for (long o : footer.chunkOffsets()[c]) if (o == offset) return c;
        }
        return -1;
    }

    private String eventsLost(int cpu) {
        if (cpu >= cpus) return "";
        int lostOfCpu = 0;
        for (long o : footer.chunkOffsets()[cpu]) for (ChunkDamage d : damages) if (d.contains(o)) lostOfCpu++;
        long lost = footer.eventsPerCpu()[cpu] - laneSizes[cpu];
        return lostOfCpu == 1 && lost > 0 ? ", " + group(lost) + " events" : "";
    }

    private String range(ChunkDamage d, int cpu, long offset) {
        long before = loaded.lastTsBefore(cpu, offset);
        long after = loaded.firstTsFrom(cpu, d.end());
        boolean headerFits = d.start() == offset && d.magic() == CHUNK_EVENTS && d.cpu() == cpu
                && d.firstTs() >= 0 && d.firstTs() <= d.lastTs() && before <= d.firstTs() && d.lastTs() <= after;
        if (headerFits) return timeRange(d.firstTs(), d.lastTs());
        if (before == Long.MIN_VALUE && after == Long.MAX_VALUE) return "time unknown";
        if (before == Long.MIN_VALUE) return "before " + seconds(after, after) + " s";
        if (after == Long.MAX_VALUE) return "after " + seconds(before, before) + " s";
        return "between " + seconds(before, after - before) + " and " + seconds(after, after - before) + " s";
    }

    /** "1.204–1.311 s": as many decimals as the width of the range needs. */
    static String timeRange(long firstTs, long lastTs) {
        long width = lastTs - firstTs;
        return seconds(firstTs, width) + "–" + seconds(lastTs, width) + " s";
    }

    private static String seconds(long ts, long width) {
        int decimals = width >= 10_000_000L ? 3 : width >= 10_000L ? 6 : 9;
        return String.format(Locale.ROOT, "%." + decimals + "f", ts / 1e9);
    }

    private static LoadNotice notice(String message) {
        return new LoadNotice(LoadNotice.Kind.CORRUPT_CHUNK, message);
    }
}
