package io.qpwscope.ui.clip;

import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

/**
 * The clip dialog's fields: range (prefilled with the selection or the view), speed (blank =
 * chosen so the range lasts about 8 s), width and format, and a line saying what is wrong
 * with them. {@link #check()} parses them the way the command line does.
 */
public final class ClipForm extends GridPane {
    final TextField from = new TextField();
    final TextField to = new TextField();
    final TextField speed = new TextField();
    final TextField width = new TextField("1280");
    final ChoiceBox<ClipFormat> format = new ChoiceBox<>();
    final Label error = new Label();

    public ClipForm(double fromNs, double toNs) {
        setHgap(10);
        setVgap(8);
        setPadding(new Insets(12));
        from.setText(ms(fromNs));
        to.setText(ms(toNs));
        from.setPromptText("blank: the last drain");
        to.setPromptText("blank: the recording's end");
        speed.setPromptText("auto: the range lasts about 8 s");
        format.getItems().setAll(ClipFormat.values());
        format.setValue(ClipFormat.GIF);
        format.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(ClipFormat f) {
                return f == null ? "" : f == ClipFormat.GIF ? "GIF (animated, plays anywhere)" : "MP4 (H.264, needs ffmpeg)";
            }

            @Override
            public ClipFormat fromString(String s) {
                return null;
            }
        });
        error.setWrapText(true);
        error.setMaxWidth(460);
        error.setStyle("-fx-text-fill: #D55E00; -fx-font-weight: bold;");
        error.getStyleClass().add("clip-error");
        addRow(0, new Label("From"), from, new Label("e.g. 951.2ms, 0.9s"));
        addRow(1, new Label("To"), to);
        addRow(2, new Label("Speed"), speed, new Label("1/1000 = 1 ms of recording per second"));
        addRow(3, new Label("Width (px, 16:9)"), width);
        addRow(4, new Label("Format"), format);
        add(error, 0, 5, 3, 1);
    }

    /** @return the settings, or null with the reason shown in the form */
    public ClipSettings check() {
        try {
            Integer w;
            try {
                w = Integer.valueOf(width.getText().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("width '" + width.getText() + "' is not a number of pixels (e.g. 1280)");
            }
            ClipSettings s = ClipSettings.parse(from.getText(), to.getText(), speed.getText(), w, null, format.getValue());
            if (s.format() == ClipFormat.MP4 && Mp4Sink.find() == null) {
                throw new IllegalArgumentException("MP4 needs ffmpeg, which is not on PATH: " + Mp4Sink.INSTALL_HINT);
            }
            error.setText("");
            return s;
        } catch (IllegalArgumentException e) {
            error.setText(e.getMessage().replace("--", ""));
            return null;
        }
    }

    public Label error() { return error; }

    private static String ms(double ns) {
        return Double.isNaN(ns) ? "" : String.format(Locale.ROOT, "%.3fms", ns / 1e6);
    }
}
