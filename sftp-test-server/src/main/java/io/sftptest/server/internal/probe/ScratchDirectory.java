package io.sftptest.server.internal.probe;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.sftptest.server.internal.personality.PersonalityFile.Answer;
import io.sftptest.server.internal.probe.Reply.Attrs;
import io.sftptest.server.internal.probe.Reply.Name;

/**
 * The one directory a probe writes in: created by the probe (never one that exists), and removed with everything in
 * it afterwards, without following links. When the server does not list it (a write-only drop box), the names the
 * checks use are removed one by one instead.
 */
final class ScratchDirectory {
    /** What the checks create, for servers that do not list directories; parents after their children. */
    private static final List<String> KNOWN_NAMES = knownNames();

    private final ProbeConnection connection;
    private final String path;

    private ScratchDirectory(ProbeConnection connection, String path) {
        this.connection = connection;
        this.path = path;
    }

    /**
     * Creates the scratch directory, after checking that nothing is there yet and that its parent is a directory.
     *
     * @param connection the connection
     * @param path the absolute path
     * @return the directory
     * @throws ProbeException when the path exists, its parent does not, or the server refuses to create it: nothing
     *         was written then
     * @throws IOException when the channel fails
     */
    static ScratchDirectory create(ProbeConnection connection, String path) throws IOException {
        if (path.equals("/") || path.isEmpty()) {
            throw new ProbeException("the scratch directory must not be the root: name a directory that does not "
                    + "exist yet, e.g. sftp://USER@HOST/upload/probe-scratch");
        }
        Reply existing = connection.lstat(path);
        if (existing.isOk()) {
            throw new ProbeException("the scratch directory " + path + " exists" + contents(connection, path, existing)
                    + ": name a directory that does not exist yet; the probe creates it, writes only inside it, and "
                    + "removes it afterwards");
        }
        String parent = parent(path);
        Attrs parentAttrs = connection.attrsOrNull(parent);
        if (parentAttrs == null) {
            throw new ProbeException("the parent of the scratch directory, " + parent + ", does not exist or cannot be "
                    + "read (" + Statuses.describe(connection.lstat(parent).answer()) + "): the probe creates only "
                    + "the scratch directory itself");
        }
        Answer created = connection.mkdir(path);
        if (!created.isOk()) {
            throw new ProbeException("cannot create the scratch directory " + path + ": the server answered "
                    + Statuses.describe(created));
        }
        return new ScratchDirectory(connection, path);
    }

    private static String contents(ProbeConnection connection, String path, Reply existing) throws IOException {
        if (!existing.attrs().isDirectory()) {
            return " and is no directory";
        }
        try {
            int entries = 0;
            for (List<Name> batch : connection.listInBatches(path)) {
                entries += (int) batch.stream().filter(n -> !n.filename().equals(".") && !n.filename().equals(".."))
                        .count();
            }
            return entries == 0 ? " (empty)" : " and holds " + entries + (entries == 1 ? " entry" : " entries");
        } catch (Reply.UnexpectedAnswerException unlisted) {
            return "";
        }
    }

    String path() {
        return path;
    }

    /**
     * Removes the scratch directory and everything in it.
     *
     * @return what could not be removed, one line each with the server's answer; empty when all went
     */
    List<String> remove() {
        List<String> problems = new ArrayList<>();
        try {
            if (!removeTree(path, problems)) {
                removeKnownNames(problems);
            }
            Answer removed = connection.rmdir(path);
            if (!removed.isOk() && connection.attrsOrNull(path) != null) {
                problems.add(path + ": " + Statuses.describe(removed));
            }
        } catch (IOException e) {
            problems.add(path + ": " + e.getMessage());
        }
        return problems;
    }

    /** Removes what a directory holds; false when the server does not list it. */
    private boolean removeTree(String directory, List<String> problems) throws IOException {
        List<List<Name>> batches;
        try {
            batches = connection.listInBatches(directory);
        } catch (Reply.UnexpectedAnswerException unlisted) {
            return false;
        } catch (ProbeTimeoutException hangs) {
            connection.dropChannel(); // the listing hangs: remove what the checks create, name by name
            return false;
        }
        for (List<Name> batch : batches) {
            for (Name name : batch) {
                String file = name.filename();
                if (file.equals(".") || file.equals("..") || file.contains("/") || file.isEmpty()) {
                    continue;
                }
                String child = directory + "/" + file;
                Attrs attrs = connection.attrsOrNull(child);
                if (attrs != null && attrs.isDirectory()) {
                    removeTree(child, problems);
                    report(child, connection.rmdir(child), problems);
                } else {
                    report(child, connection.remove(child), problems);
                }
            }
        }
        return true;
    }

    private void removeKnownNames(List<String> problems) throws IOException {
        for (String name : KNOWN_NAMES) {
            String child = path + "/" + name;
            Answer answer = name.endsWith("/") ? connection.rmdir(child.substring(0, child.length() - 1))
                    : connection.remove(child);
            if (answer.status() != ProbeConnection.NO_SUCH_FILE) {
                report(child, answer, problems);
            }
        }
    }

    private static void report(String path, Answer answer, List<String> problems) {
        if (!answer.isOk()) {
            problems.add(path + ": " + Statuses.describe(answer));
        }
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    private static List<String> knownNames() {
        List<String> names = new ArrayList<>(List.of("full/file.txt", "full/", "attributes.txt", "overwrite.txt",
                "append.txt", "rename-from.txt", "rename-to.txt", "posix-rename-from.txt", "posix-rename-to.txt",
                "Case.txt", "link-1", "link-2", "link-target.txt", "read-size.bin", "write-size.bin", "hardlink.txt",
                "copy-file.txt", "copy-data.txt", "extension-target.txt", "extension-target.txt.renamed"));
        for (int i = 0; i < LimitChecks.LISTED_FILES; i++) {
            names.add(String.format("listing/file-%03d", i));
        }
        names.add("listing/");
        return List.copyOf(names);
    }
}
