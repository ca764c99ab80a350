package io.qpwscope.recording;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.qpwscope.trace.LaneEvents;
import io.qpwscope.trace.Recording;
import io.qpwscope.trace.TraceDescriptor;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The reader must turn any bytes into either a recording that keeps the {@link LaneEvents}
 * invariants or a {@link RecordingFormatException}, never another exception. In plain test
 * runs the fuzz test replays the committed corpus (regression mode); fuzz for real with
 * {@code JAZZER_FUZZ=1 mvn -o test -Dtest=RecordingReaderFuzzTest}.
 */
class RecordingReaderFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void loadOnlyEverThrowsRecordingFormatException(byte[] data) throws IOException {
        check(data);
    }

    /** Deterministic mutations of every corpus file: bit flips, cuts and overwritten words. */
    @Test
    void shouldSurviveMutationsOfEveryCorpusFile() throws IOException {
        SplittableRandom rnd = new SplittableRandom(42);
        for (String name : new String[] {"complete_raw", "complete_deflate", "absolute_ts", "truncated_mid_chunk", "header_only"}) {
            byte[] seed = corpus(name);
            check(seed);
            for (int i = 0; i < seed.length; i += 3) {
                byte[] flipped = seed.clone();
                flipped[i] ^= (byte) (1 << rnd.nextInt(8));
                check(flipped);
                check(Arrays.copyOf(seed, i));
            }
            for (int k = 0; k < 300; k++) {
                byte[] m = seed.clone();
                int at = rnd.nextInt(Math.max(1, m.length - 4));
                int v = rnd.nextBoolean() ? rnd.nextInt() : (rnd.nextBoolean() ? -1 : Integer.MAX_VALUE);
                for (int j = 0; j < 4 && at + j < m.length; j++) m[at + j] = (byte) (v >>> (8 * j));
                check(m);
            }
        }
    }

    private static byte[] corpus(String name) throws IOException {
        try (InputStream in = RecordingReaderFuzzTest.class.getResourceAsStream(
                "RecordingReaderFuzzTestInputs/loadOnlyEverThrowsRecordingFormatException/" + name)) {
            return Objects.requireNonNull(in, name).readAllBytes();
        }
    }

    private static void check(byte[] data) throws IOException {
        LoadedRecording loaded;
        try {
            loaded = RecordingReader.load(Channels.newChannel(new ByteArrayInputStream(data)), data.length, ProgressListener.NONE);
        } catch (RecordingFormatException expected) {
            assertNotNull(expected.getMessage());
            assertFalse(expected.getMessage().contains("\n"), "one-line message");
            return;
        }
        Recording rec = loaded.recording();
        for (int c = 0; c < rec.cpus(); c++) {
            LaneEvents lane = rec.lane(c);
            for (int i = 0; i < lane.size(); i++) {
                assertEquals(c, TraceDescriptor.cpu(lane.meta(i)), "event in the lane of its cpu");
                if (i > 0) assertTrue(lane.ts(i) >= lane.ts(i - 1), "lane in time order");
            }
        }
        for (Annotation a : loaded.annotations()) assertTrue(a.cpu() < rec.cpus());
    }
}
