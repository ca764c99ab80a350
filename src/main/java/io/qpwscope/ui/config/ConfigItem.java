package io.qpwscope.ui.config;

import io.qpwscope.scenario.Scenario;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.value.ObservableValue;
import org.controlsfx.control.PropertySheet;

/**
 * One row of the kernel/machine sheet: reads its value from the current scenario and, when
 * edited, hands an edited copy of the scenario to {@code apply} (which reboots the engine).
 */
final class ConfigItem implements PropertySheet.Item {
    private final String category;
    private final String name;
    private final String description;
    private final Class<?> type;
    private final Supplier<Scenario> current;
    private final Function<Scenario, Object> get;
    private final BiFunction<Scenario, Object, Scenario> with;
    private final Consumer<Scenario> apply;

    ConfigItem(String category, String name, String description, Class<?> type, Supplier<Scenario> current,
               Function<Scenario, Object> get, BiFunction<Scenario, Object, Scenario> with, Consumer<Scenario> apply) {
        this.category = category;
        this.name = name;
        this.description = description;
        this.type = type;
        this.current = current;
        this.get = get;
        this.with = with;
        this.apply = apply;
    }

    @Override public Class<?> getType() { return type; }

    @Override public String getCategory() { return category; }

    @Override public String getName() { return name; }

    @Override public String getDescription() { return description; }

    @Override
    public Object getValue() {
        Scenario s = current.get();
        return s == null ? null : get.apply(s);
    }

    @Override
    public void setValue(Object value) {
        Scenario s = current.get();
        if (s == null || value == null || Objects.equals(value, get.apply(s))) return;
        apply.accept(with.apply(s, value));
    }

    @Override
    public Optional<ObservableValue<?>> getObservableValue() {
        return Optional.empty();
    }
}
