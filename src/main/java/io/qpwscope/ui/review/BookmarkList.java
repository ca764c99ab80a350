package io.qpwscope.ui.review;

import io.qpwscope.recording.Annotation;
import io.qpwscope.ui.timeline.render.TimeFormat;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The recording's bookmarks: add one at the cursor (the selected range or item, else the
 * middle of the view) with a text, list them in time order, double-click or Enter to jump,
 * remove, and save them back into the recording file. Unsaved changes are flagged.
 */
public final class BookmarkList extends VBox {
    /** Where a new bookmark goes: ts and CPU lane (or {@link Annotation#ALL_CPUS}). */
    public record Place(long ts, int cpu) {}

    private final ObservableList<Annotation> items = FXCollections.observableArrayList();
    private final ListView<Annotation> list = new ListView<>(items);
    private final TextField text = new TextField();
    private final Button add = new Button("Add at cursor");
    private final Button remove = new Button("Remove");
    private final Button save = new Button("Save to file");
    private final Label header = new Label("Bookmarks");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");
    private final Supplier<Place> place;

    public BookmarkList(Supplier<Place> place, Consumer<Annotation> jump, Runnable saveAction) {
        super(6);
        this.place = place;
        setPadding(new Insets(6));
        header.setStyle("-fx-font-weight: bold;");
        text.setPromptText("bookmark text");
        text.setOnAction(e -> addAtCursor());
        add.setTooltip(new Tooltip("Bookmark the selected range or item, else the middle of the view"));
        add.setOnAction(e -> addAtCursor());
        remove.setOnAction(e -> {
            Annotation a = list.getSelectionModel().getSelectedItem();
            if (a != null && items.remove(a)) dirty.set(true);
        });
        save.setTooltip(new Tooltip("Write the bookmarks into the recording file (atomically: the old file stays until the new one is complete)"));
        save.setOnAction(e -> saveAction.run());
        save.disableProperty().bind(dirty.not());
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Annotation a, boolean empty) {
                super.updateItem(a, empty);
                setText(empty || a == null ? null : TimeFormat.duration(a.ts()) + "  "
                        + (a.cpu() == Annotation.ALL_CPUS ? "all" : "cpu" + a.cpu()) + "  " + a.text());
            }
        });
        list.setOnMouseClicked(e -> {
            Annotation a = list.getSelectionModel().getSelectedItem();
            if (a != null && e.getClickCount() == 2) jump.accept(a);
        });
        list.setOnKeyPressed(e -> {
            Annotation a = list.getSelectionModel().getSelectedItem();
            if (a != null && e.getCode() == javafx.scene.input.KeyCode.ENTER) jump.accept(a);
        });
        dirty.addListener((o, a, d) -> header.setText(d ? "Bookmarks (unsaved)" : "Bookmarks"));
        text.setMaxWidth(Double.MAX_VALUE);
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(header, text, add, list, new HBox(4, remove, save));
        setMinWidth(260);
    }

    /** Shows the bookmarks of a newly loaded recording (clean). */
    public void setAll(List<Annotation> a) {
        items.setAll(a);
        items.sort(ORDER);
        dirty.set(false);
    }

    /** Adds a bookmark at the cursor with the text typed (or "bookmark n"). @return it */
    public Annotation addAtCursor() {
        Place p = place.get();
        String t = text.getText() == null || text.getText().isBlank() ? "bookmark " + (items.size() + 1) : text.getText().strip();
        Annotation a = new Annotation(p.ts(), p.cpu(), t);
        items.add(a);
        items.sort(ORDER);
        list.getSelectionModel().select(a);
        text.clear();
        dirty.set(true);
        return a;
    }

    /** Marks the list as saved. */
    public void saved() {
        dirty.set(false);
    }

    public ObservableList<Annotation> items() { return items; }

    public ListView<Annotation> listView() { return list; }

    public TextField textField() { return text; }

    public ReadOnlyBooleanProperty dirtyProperty() { return dirty.getReadOnlyProperty(); }

    private static final Comparator<Annotation> ORDER = Comparator.comparingLong(Annotation::ts).thenComparingInt(Annotation::cpu);
}
