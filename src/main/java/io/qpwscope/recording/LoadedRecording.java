package io.qpwscope.recording;

import io.qpwscope.trace.Recording;

import java.util.List;

/**
 * What {@link RecordingReader#load} read.
 *
 * @param recording   the events and metadata (overruns set from the file)
 * @param annotations bookmarks saved with it, in file order
 * @param notices     what was wrong but did not stop loading (empty for a complete file)
 * @param fileBytes   bytes of the file used: up to the end marker, or to where loading stopped
 * @param chunks      event and annotation chunks loaded
 * @param complete    true when the footer and end marker were found and agree with the chunks
 *                    (every event the writer wrote is here)
 */
public record LoadedRecording(
        Recording recording,
        List<Annotation> annotations,
        List<LoadNotice> notices,
        long fileBytes,
        int chunks,
        boolean complete) {

    public LoadedRecording {
        annotations = List.copyOf(annotations);
        notices = List.copyOf(notices);
    }

    public long events() {
        return recording.eventCount();
    }
}
