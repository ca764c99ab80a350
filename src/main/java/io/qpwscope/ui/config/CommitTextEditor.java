package io.qpwscope.ui.config;

import java.util.function.Function;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.TextField;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.AbstractPropertyEditor;

/**
 * A text editor that commits on Enter or when focus leaves, not on every keystroke: typing
 * "16" in the CPU count must reboot once with 16 CPUs, not first with 1. A value that does
 * not parse is marked and not committed.
 */
final class CommitTextEditor extends AbstractPropertyEditor<Object, TextField> {
    private SimpleObjectProperty<Object> committed;
    private final Function<String, Object> parse;

    CommitTextEditor(PropertySheet.Item item, Function<String, Object> parse) {
        super(item, new TextField());
        this.parse = parse;
        TextField f = getEditor();
        f.setOnAction(e -> commit());
        f.focusedProperty().addListener((o, was, is) -> {
            if (!is) commit();
        });
    }

    private void commit() {
        TextField f = getEditor();
        try {
            Object v = parse.apply(f.getText().trim());
            f.getStyleClass().remove("invalid");
            committed().set(v);
        } catch (RuntimeException bad) {
            if (!f.getStyleClass().contains("invalid")) f.getStyleClass().add("invalid");
        }
    }

    private SimpleObjectProperty<Object> committed() {
        if (committed == null) committed = new SimpleObjectProperty<>();
        return committed;
    }

    @Override
    protected ObservableValue<Object> getObservableValue() {
        return committed();
    }

    @Override
    public void setValue(Object value) {
        getEditor().setText(value == null ? "" : value.toString());
        committed().set(value);
    }
}
