package io.sftptest.server.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.sftptest.server.SftpTestServer;

/**
 * {@code /files/{path}}: writes, reads, lists and deletes the server's files, and creates directories
 * ({@code PUT /files/{path}/}), through the server's public file helpers, with the path checked by {@link ClientPath}
 * first. A write refused for its path, its size or a file in the way of its directories changes nothing.
 */
final class FileEndpoints {
    private final SftpTestServer server;
    /** Held while a directory is created, so that of two calls creating the same one, one answers created=true. */
    private final Object directories = new Object();

    FileEndpoints(SftpTestServer server) {
        this.server = server;
    }

    void addTo(Routes routes) {
        routes.add("PUT", "/files/{path...}/", this::makeDirectory)
                .add("PUT", "/files/{path...}", this::put)
                .add("GET", "/files/{path...}", this::get)
                .add("DELETE", "/files/{path...}", this::delete);
    }

    private Reply put(AdminRequest request) throws IOException {
        request.query(Set.of());
        String path = path(request);
        Path target = server.path(path);
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw ApiError.conflict(path + " is a directory: PUT a file below it, e.g. " + path + "/a.csv, or "
                    + "DELETE /files" + path + " first");
        }
        refuseFileAbove(target, "cannot write " + path);
        byte[] content = request.body(AdminServer.MAX_FILE_BYTES, "a file written through the admin API",
                "upload larger ones over SFTP, or serve a directory with --root");
        boolean created = !Files.exists(target, LinkOption.NOFOLLOW_LINKS);
        try {
            server.putFile(path, content);
        } catch (UncheckedIOException e) {
            throw ApiError.conflict("cannot write " + path + ": " + e.getCause());
        }
        return Reply.json(created ? 201 : 200, json -> {
            json.writeStringField("path", path);
            json.writeNumberField("size", content.length);
            json.writeBooleanField("created", created);
        });
    }

    /**
     * Creates a directory and its missing parents, as {@code mkdir -p}: 201 when it was created, 200 when it was
     * there; 409 when a file is in the way.
     */
    private Reply makeDirectory(AdminRequest request) throws IOException {
        request.query(Set.of());
        String path = path(request);
        String files = "/files" + (path.equals("/") ? "" : path);
        request.noBody(path.equals("/") ? "PUT needs a file path after /files/ to write a file, e.g. PUT "
                + "/files/in/a.csv (a path ending in / creates a directory and takes no body)" : "PUT " + files
                + "/ creates a directory and takes no body: to write a file, leave the trailing slash off (PUT "
                + files + ")");
        Path target = server.path(path);
        boolean created;
        synchronized (directories) {
            refuseFileAbove(target, "cannot create directory " + path);
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target)) {
                throw ApiError.conflict("cannot create directory " + path + ": it is " + what(target) + "; DELETE "
                        + files + " first");
            }
            created = !Files.exists(target, LinkOption.NOFOLLOW_LINKS);
            try {
                server.createDirectory(path);
            } catch (UncheckedIOException e) {
                throw ApiError.conflict("cannot create directory " + path + ": " + e.getCause());
            }
        }
        return Reply.json(created ? 201 : 200, json -> {
            json.writeStringField("path", path);
            json.writeBooleanField("created", created);
        });
    }

    /** 409 when a parent of the target exists but is no directory (a link to one counts as one). */
    private void refuseFileAbove(Path target, String refused) {
        for (Path parent = target.getParent(); parent != null; parent = parent.getParent()) {
            if (Files.exists(parent, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(parent)) {
                throw ApiError.conflict(refused + ": " + clientPath(parent) + " is " + what(parent) + ", not a "
                        + "directory");
            }
        }
    }

    private static String what(Path path) {
        return Files.isSymbolicLink(path) ? "a link" : Files.isRegularFile(path) ? "a file" : "no directory";
    }

    private Reply get(AdminRequest request) throws IOException {
        Map<String, String> query = request.query(Set.of("list"));
        String path = path(request);
        Path target = server.path(path);
        if (query.containsKey("list")) {
            return list(path, target);
        }
        if (Files.isDirectory(target)) {
            throw ApiError.badRequest(path + " is a directory: GET /files" + (path.equals("/") ? "/" : path)
                    + "?list lists it");
        }
        if (!Files.isRegularFile(target)) {
            throw ApiError.notFound("no file " + path + " on the server; " + near(target));
        }
        long size = Files.size(target);
        InputStream in = server.openFile(path);
        return new Reply(200, "application/octet-stream", Map.of(), out -> {
            try (in) {
                in.transferTo(out);
            }
        }, size);
    }

    private Reply list(String path, Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw Files.exists(directory, LinkOption.NOFOLLOW_LINKS)
                    ? ApiError.badRequest(path + " is not a directory: GET /files" + path + " without ?list reads it")
                    : ApiError.notFound("no directory " + path + " on the server; " + near(directory));
        }
        List<String> names = server.list(path);
        return Reply.json(200, json -> {
            json.writeStringField("path", path);
            json.writeArrayFieldStart("entries");
            for (String name : names) {
                Path entry = directory.resolve(name);
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    continue; // deleted while listing
                }
                json.writeStartObject();
                json.writeStringField("name", name);
                json.writeStringField("type", attributes.isDirectory() ? "directory"
                        : attributes.isSymbolicLink() ? "link" : attributes.isRegularFile() ? "file" : "other");
                if (attributes.isRegularFile()) {
                    json.writeNumberField("size", attributes.size());
                }
                json.writeStringField("modified", attributes.lastModifiedTime().toInstant().toString());
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    private Reply delete(AdminRequest request) {
        request.query(Set.of());
        String path = path(request);
        if (path.equals("/")) {
            throw ApiError.badRequest("DELETE /files/ would delete every file: delete the entries one by one, or "
                    + "POST /reset to go back to the files the server started with");
        }
        boolean existed = server.exists(path);
        try {
            server.delete(path);
        } catch (UncheckedIOException e) {
            throw ApiError.conflict("cannot delete " + path + ": " + e.getCause());
        }
        return Reply.json(200, json -> {
            json.writeStringField("path", path);
            json.writeBooleanField("deleted", existed);
        });
    }

    /** The checked client path; the server's confinement refuses what still leaves its root. */
    private String path(AdminRequest request) {
        String path = ClientPath.decode(request.pathParameter("path"));
        try {
            server.path(path);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("path " + path + " refused: " + e.getMessage());
        }
        return path;
    }

    private String clientPath(Path serverPath) {
        Path root = server.path("/");
        String relative = root.relativize(serverPath).toString().replace(serverPath.getFileSystem().getSeparator(),
                "/");
        return "/" + relative;
    }

    /** What the parent directory holds, for a 404. */
    private String near(Path target) {
        Path parent = target.getParent() == null ? target : target.getParent();
        String where = clientPath(parent);
        if (!Files.isDirectory(parent)) {
            return "no directory " + where + " either";
        }
        List<String> names = server.list(where);
        return names.isEmpty() ? where + " is empty" : where + " has " + String.join(", ", names.size() > 20
                ? names.subList(0, 20) : names) + (names.size() > 20 ? ", ..." : "");
    }
}
