package io.qpwscope.ui.review;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * The recordings opened last, most recent first, kept in {@link Preferences} as entries
 * {@code 0..MAX-1} so they survive restarts.
 */
public final class RecentFiles {
    public static final int MAX = 8;
    private final Preferences node;

    public RecentFiles(Preferences node) {
        this.node = node;
    }

    /** The user's list (shared by every window of the app). */
    public static RecentFiles user() {
        return new RecentFiles(Preferences.userNodeForPackage(RecentFiles.class).node("recent-recordings"));
    }

    public List<Path> list() {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < MAX; i++) {
            String s = node.get(Integer.toString(i), null);
            if (s != null && !s.isBlank()) out.add(Path.of(s));
        }
        return out;
    }

    /** Puts {@code p} first, dropping an older entry for the same file and the oldest past {@link #MAX}. */
    public void add(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        List<Path> l = list();
        l.remove(abs);
        l.addFirst(abs);
        store(l);
    }

    public void remove(Path p) {
        List<Path> l = list();
        l.remove(p.toAbsolutePath().normalize());
        store(l);
    }

    private void store(List<Path> l) {
        for (int i = 0; i < MAX; i++) {
            if (i < l.size()) node.put(Integer.toString(i), l.get(i).toString()); else node.remove(Integer.toString(i));
        }
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // the list stays in memory for this run; nothing to show the user for it
        }
    }
}
