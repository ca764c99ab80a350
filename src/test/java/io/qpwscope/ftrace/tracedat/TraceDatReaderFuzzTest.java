package io.qpwscope.ftrace.tracedat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.qpwscope.ftrace.FtraceTrace;
import io.qpwscope.trace.TraceDescriptor;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The trace.dat reader must turn any bytes into either records or a {@link TraceDatFormatException}
 * (or, for a missing buffer, the documented IllegalArgumentException), never another exception.
 * Fuzz for real with {@code JAZZER_FUZZ=1 mvn -o test -Dtest=TraceDatReaderFuzzTest}; plain runs
 * replay the seeds and a deterministic set of mutations of the captured fixtures.
 */
class TraceDatReaderFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void readOnlyEverThrowsTraceDatFormatException(byte[] data) {
        check(data);
    }

    @Test
    void shouldSurviveMutationsOfEveryFixture() throws IOException {
        SplittableRandom rnd = new SplittableRandom(7);
        for (String name : new String[] {"v6.dat", "v7-zstd.dat", "v7-zlib.dat"}) {
            byte[] seed = TraceDatFixtures.bytes(name);
            int header = Math.min(seed.length, 16384);
            for (int i = 0; i < header; i += 97) { // the metadata, densely
                byte[] flipped = seed.clone();
                flipped[i] ^= (byte) (1 << rnd.nextInt(8));
                check(flipped);
            }
            for (int k = 0; k < 120; k++) { // anywhere: words overwritten, cuts
                byte[] m = seed.clone();
                int at = rnd.nextInt(m.length - 8);
                long v = rnd.nextBoolean() ? rnd.nextLong() : (rnd.nextBoolean() ? -1 : Integer.MAX_VALUE);
                for (int j = 0; j < 8; j++) m[at + j] = (byte) (v >>> (8 * j));
                check(m);
                if (k % 10 == 0) check(Arrays.copyOf(seed, rnd.nextInt(seed.length)));
            }
        }
    }

    private static void check(byte[] data) {
        try {
            TraceDatFile f = TraceDatReader.read(ByteBuffer.wrap(data), "fuzz.dat");
            FtraceTrace t = TraceDatImport.read(f, null);
            for (int i = 0; i < t.count(); i++) assertTrue(TraceDatDescriptorCheck.cpuOf(t.rows()[3 * i + 1]) <= t.maxCpu());
        } catch (TraceDatFormatException expected) {
            assertNotNull(expected.getMessage());
            assertFalse(expected.getMessage().contains("\n"), "one-line message");
            assertTrue(expected.getMessage().startsWith("fuzz.dat: byte "), expected.getMessage());
        } catch (IllegalArgumentException noBuffer) {
            assertTrue(noBuffer.getMessage().startsWith("fuzz.dat: no buffer"), noBuffer.getMessage());
        }
    }

    /** Reads the CPU of a record's meta word. */
    private static final class TraceDatDescriptorCheck {
        static int cpuOf(long meta) {
            return TraceDescriptor.cpu(meta);
        }
    }
}
