package io.qpwscope.ui.clip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qpwscope.ui.FxSupport;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The "Export clip…" dialog's fields: prefilled with the range, bad input named in the form. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClipFormTest {
    @Test
    void shouldPrefillTheRangeAndReadItBack() throws Exception {
        ClipSettings s = FxSupport.onFx(() -> {
            ClipForm f = new ClipForm(951_200_000, 952_000_000);
            f.speed.setText("1/1000");
            return f.check();
        });
        assertNotNull(s);
        assertEquals(951_200_000L, s.fromNs());
        assertEquals(952_000_000L, s.toNs());
        assertEquals(0.001, s.speed(), 1e-15);
        assertEquals(ClipFormat.GIF, s.format());
    }

    @Test
    void shouldExplainBadInputInsteadOfAcceptingIt() throws Exception {
        String[] errors = FxSupport.onFx(() -> {
            ClipForm f = new ClipForm(Double.NaN, Double.NaN);
            f.width.setText("wide");
            ClipSettings a = f.check();
            javafx.scene.Scene scene = new javafx.scene.Scene(f);
            f.applyCss();
            f.layout();
            FxSupport.save(scene.snapshot(null), "clip-form-error.png");
            String e1 = f.error().getText();
            f.width.setText("1280");
            f.from.setText("2s");
            f.to.setText("1s");
            ClipSettings b = f.check();
            String e2 = f.error().getText();
            f.to.setText("3s");
            ClipSettings c = f.check();
            assertNull(a);
            assertNull(b);
            assertNotNull(c);
            return new String[] {e1, e2, f.error().getText()};
        });
        assertTrue(errors[0].contains("'wide' is not a number of pixels"), errors[0]);
        assertTrue(errors[1].contains("must be after from"), errors[1]);
        assertEquals("", errors[2], "a fixed form clears the message");
    }
}
