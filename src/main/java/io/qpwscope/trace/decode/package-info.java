/**
 * The one decoder of the trace event stream: a lane's records become typed spans
 * ({@link io.qpwscope.trace.decode.SpanType}), instants ({@link io.qpwscope.trace.decode.InstantType})
 * and, across lanes, work links ({@link io.qpwscope.trace.decode.WorkLinks}). The timeline
 * index, the exporters, the summaries, the search and the engine's run summary all read the
 * stream through {@link io.qpwscope.trace.decode.LaneDecoder}; none of them interprets record
 * types on its own. Depends only on {@code io.qpwscope.trace}.
 *
 * <p>To add an event type (host steal, RT lock blocking, an imported kernel event, ...):
 * <ol>
 * <li>append its code to {@link io.qpwscope.trace.EventType} and document its fields there;</li>
 * <li>add the span (or instant) it makes to {@link io.qpwscope.trace.decode.SpanType} (or
 *     {@link io.qpwscope.trace.decode.InstantType}), documenting which records make it and what
 *     peer, fn, attr and value mean;</li>
 * <li>decode it in {@link io.qpwscope.trace.decode.LaneDecoder#event}: state that spans records
 *     lives in fields (so batch splits do not matter), opened state is closed in
 *     {@code finish()} and forgotten in {@code skip()}; a one-record span also goes into
 *     {@link io.qpwscope.trace.decode.SpanType#ofRecord};</li>
 * <li>add a grammar case to {@code LaneDecoderTest}; consumers then map the new type
 *     (the timeline's {@code SpanKind}, the Chrome exporter's category) — a consumer that does
 *     not know a type ignores it.</li>
 * </ol>
 */
package io.qpwscope.trace.decode;
