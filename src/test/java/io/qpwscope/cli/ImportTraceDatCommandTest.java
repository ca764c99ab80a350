package io.qpwscope.cli;

import io.qpwscope.recording.RecordingReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/** {@code import FILE.dat}: trace-cmd's binary format, recognised by its magic whatever the file is called. */
class ImportTraceDatCommandTest {
    @TempDir Path dir;

    private byte[] fixture() throws Exception {
        try (InputStream in = ImportTraceDatCommandTest.class.getResourceAsStream("/tracedat/v7-zstd.dat")) {
            return in.readAllBytes();
        }
    }

    @Test
    void shouldImportATraceDatByItsMagic() throws Exception {
        Path dat = dir.resolve("capture.bin");
        Files.write(dat, fixture());
        Path out = dir.resolve("real.qpwrec");
        CliHarness r = CliHarness.run(new ImportCommand(), dat.toString(), "--out", out.toString(), "--buffer", "qpwdat");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("on 2 CPUs from 3,762 event lines"), r.out());
        assertEquals(2, RecordingReader.load(out).recording().cpus());
    }

    @Test
    void shouldExitTwoWithOneLineNamingFileAndOffsetForATruncatedTraceDat() throws Exception {
        Path dat = dir.resolve("cut.dat");
        Files.write(dat, Arrays.copyOf(fixture(), 30_000));
        Path out = dir.resolve("x.qpwrec");
        CliHarness r = CliHarness.run(new ImportCommand(), dat.toString(), "--out", out.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("import: cut.dat: byte "), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void shouldExitTwoForAnUnknownBuffer() throws Exception {
        Path dat = dir.resolve("t.dat");
        Files.write(dat, fixture());
        CliHarness r = CliHarness.run(new ImportCommand(), dat.toString(), "--out", dir.resolve("y.qpwrec").toString(), "--buffer", "none");
        assertEquals(2, r.exit());
        assertEquals("import: t.dat: no buffer \"none\" in the file (it has [qpwdat])", r.err().strip());
    }
}
