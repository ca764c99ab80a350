/**
 * What the engine runs, in its own terms: CPU masks, enums and nanoseconds, resolved from a
 * scenario file by {@code io.qpwscope.scenario.ScenarioResolver}. The engine reads nothing of
 * the scenario's JSON classes; it keeps the scenario's text only as an opaque string for the
 * recording's metadata.
 */
package io.qpwscope.engine.spec;
