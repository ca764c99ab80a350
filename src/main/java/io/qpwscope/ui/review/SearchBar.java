package io.qpwscope.ui.review;

import io.qpwscope.trace.EventType;
import io.qpwscope.trace.Site;
import io.qpwscope.ui.timeline.index.LaneRow;
import io.qpwscope.ui.timeline.render.TimeFormat;
import io.qpwscope.ui.timeline.input.TimelineHit;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

/**
 * Event search over the shown recording: type, CPU and function pickers, Previous / Next.
 * Each step moves the timeline to the hit and outlines it; the label says which hit of how
 * many and what it is.
 */
public final class SearchBar extends HBox {
    private final ComboBox<EventType> type = new ComboBox<>();
    private final ComboBox<Integer> cpu = new ComboBox<>();
    private final ComboBox<Site> site = new ComboBox<>();
    private final Button prev = new Button("◀ Previous");
    private final Button next = new Button("Next ▶");
    private final Label result = new Label();
    private final ReviewTimeline timeline;
    private EventSearch search;
    private EventSearch.Hit current;
    private int ordinal;

    public SearchBar(ReviewTimeline timeline) {
        super(6);
        this.timeline = timeline;
        setAlignment(Pos.CENTER_LEFT);
        type.getItems().setAll(EventType.values());
        type.setValue(EventType.WORK_QUEUED);
        type.setCellFactory(l -> cell(t -> t == null || t == EventType.NONE ? "any event" : t.label));
        type.setButtonCell(cell(t -> t == null || t == EventType.NONE ? "any event" : t.label));
        cpu.setCellFactory(l -> cell(c -> c == null || c < 0 ? "any CPU" : "cpu" + c));
        cpu.setButtonCell(cell(c -> c == null || c < 0 ? "any CPU" : "cpu" + c));
        site.getItems().setAll(Site.values());
        site.setValue(Site.NONE);
        site.setCellFactory(l -> cell(s -> s == null || s == Site.NONE ? "any function" : s.kernelName));
        site.setButtonCell(cell(s -> s == null || s == Site.NONE ? "any function" : s.kernelName));
        type.setTooltip(new Tooltip("Event type to find"));
        cpu.setTooltip(new Tooltip("Lane (CPU that recorded the event)"));
        site.setTooltip(new Tooltip("Lock or work function (kernel name)"));
        prev.setOnAction(e -> previous());
        next.setOnAction(e -> next());
        for (ComboBox<?> c : List.of(type, cpu, site)) c.valueProperty().addListener((o, a, b) -> restart());
        result.setMinWidth(220);
        getChildren().addAll(new Label("Find"), type, cpu, site, prev, next, result);
        setRecordingCpus(0);
    }

    /** Starts searching a newly shown recording. */
    public void setSearch(EventSearch s, int cpus) {
        search = s;
        setRecordingCpus(cpus);
        restart();
    }

    private void setRecordingCpus(int n) {
        Integer keep = cpu.getValue();
        cpu.getItems().setAll(-1);
        for (int c = 0; c < n; c++) cpu.getItems().add(c);
        cpu.setValue(keep != null && keep < n ? keep : -1);
    }

    public EventSearch.Query query() {
        Integer c = cpu.getValue();
        EventType t = type.getValue();
        Site s = site.getValue();
        return new EventSearch.Query(t == EventType.NONE ? null : t, c == null ? -1 : c, s == Site.NONE ? null : s);
    }

    /** Moves to the next hit. @return it, or empty (the view stays) if there is none after the current one. */
    public Optional<EventSearch.Hit> next() {
        if (search == null) return Optional.empty();
        Optional<EventSearch.Hit> h = search.next(query(), current);
        h.ifPresentOrElse(hit -> go(hit, ordinal + 1), () -> result.setText(current == null ? "no such event" : "no later match"));
        return h;
    }

    public Optional<EventSearch.Hit> previous() {
        if (search == null) return Optional.empty();
        Optional<EventSearch.Hit> h = search.previous(query(), current);
        boolean fromEnd = current == null;
        h.ifPresentOrElse(hit -> go(hit, fromEnd ? (int) search.count(query()) : ordinal - 1),
                () -> result.setText(current == null ? "no such event" : "no earlier match"));
        return h;
    }

    public Label result() { return result; }

    public ComboBox<EventType> typePicker() { return type; }

    public ComboBox<Integer> cpuPicker() { return cpu; }

    public ComboBox<Site> sitePicker() { return site; }

    public EventSearch.Hit current() { return current; }

    private void restart() {
        current = null;
        ordinal = 0;
        result.setText("");
    }

    private void go(EventSearch.Hit h, int n) {
        current = h;
        ordinal = n;
        long d = h.durationNs();
        timeline.centreOn(h.ts() - d, h.ts());
        timeline.mark(new TimelineHit(h.cpu(), rowOf(h.type()), null, h.describe(), h.ts() - d, h.ts(), List.of()));
        result.setText("#" + n + " " + (h.type() == null ? "?" : h.type().label) + " on cpu" + h.cpu() + " at "
                + TimeFormat.duration(h.ts()));
    }

    static LaneRow rowOf(EventType t) {
        if (t == null) return LaneRow.TASK;
        return switch (t) {
            case LOCK_ACQUIRE, LOCK_RELEASE, SPIN_WAIT, IRQ_OFF, IRQ_ON -> LaneRow.LOCK;
            case WORK_QUEUED, WORK_START, WORK_END, TRIGGER, FLUSH_WAIT, MODE_SWITCH -> LaneRow.WORK;
            default -> LaneRow.TASK;
        };
    }

    private static <T> ListCell<T> cell(java.util.function.Function<T, String> text) {
        return new ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : text.apply(item));
            }
        };
    }
}
