package io.qpwscope.ui.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qpwscope.ftrace.capture.Capture;
import org.junit.jupiter.api.Test;

/** The capture dialog's fields: what passes, and the one line for what does not. */
class CaptureFormTest {
    @Test
    void goodFieldsGiveTheOptionsTheCommandWouldGet() {
        CaptureForm.Checked c = CaptureForm.check(" 1 ", "2.5", "150", 4);
        assertTrue(c.ok());
        assertNull(c.problem());
        assertEquals(new Capture.Options(1, 2.5, 150), c.options());
    }

    @Test
    void cpuMustBeAWholeNumberOfThisMachine() {
        assertEquals("CPU: a whole number, e.g. 1", CaptureForm.check("one", "3", "200", 4).problem());
        assertEquals("CPU: a whole number, e.g. 1", CaptureForm.check("-1", "3", "200", 4).problem());
        assertEquals("CPU 4 is outside 0..3", CaptureForm.check("4", "3", "200", 4).problem());
        assertTrue(CaptureForm.check("1", "3", "200", 1).problem().startsWith("capture needs 2 CPUs"));
    }

    @Test
    void secondsAreBoundedAsTheCommandBoundsThem() {
        assertEquals("Seconds: a number, e.g. 3", CaptureForm.check("1", "", "200", 2).problem());
        assertEquals("Seconds 0 is outside (0, 60]", CaptureForm.check("1", "0", "200", 2).problem());
        assertEquals("Seconds 61 is outside (0, 60]", CaptureForm.check("1", "61", "200", 2).problem());
        assertFalse(CaptureForm.check("1", "NaN", "200", 2).ok());
        assertTrue(CaptureForm.check("1", "60", "200", 2).ok());
    }

    @Test
    void triggerPeriodIsBounded() {
        assertEquals("Trigger period: a whole number of ms, e.g. 200", CaptureForm.check("1", "3", "0.5", 2).problem());
        assertEquals("Trigger period 5 ms is outside 10..10000 ms", CaptureForm.check("1", "3", "5", 2).problem());
        assertEquals("Trigger period 10001 ms is outside 10..10000 ms", CaptureForm.check("1", "3", "10001", 2).problem());
        assertTrue(CaptureForm.check("0", "3", "10", 2).ok());
    }
}
