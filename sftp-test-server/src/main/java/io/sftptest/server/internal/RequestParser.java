package io.sftptest.server.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.sftp.common.SftpConstants;

import io.sftptest.server.SftpOperation;

/**
 * Reads the fields of an SFTP request that the recording and the request log show, without consuming
 * the buffer (MINA's subsystem parses it again afterwards). A malformed request yields what could be
 * read; MINA then answers it with its own error.
 */
final class RequestParser {
    private RequestParser() {
    }

    static RequestInfo parse(Buffer buffer, int type, int id, int version, Map<String, String> handlePaths) {
        RequestInfo request = new RequestInfo();
        request.requestId = id;
        request.operation = SftpOperation.fromPacketType(type);
        int rpos = buffer.rpos();
        try {
            readFields(buffer, request, version, handlePaths);
        } catch (RuntimeException malformed) {
            // Keep what was read; MINA reports the malformed packet to the client.
        } finally {
            buffer.rpos(rpos);
        }
        return request;
    }

    private static void readFields(Buffer buffer, RequestInfo request, int version, Map<String, String> handles) {
        switch (request.operation) {
            case OPEN -> {
                request.path = string(buffer);
                if (version >= SftpConstants.SFTP_V5) {
                    int access = buffer.getInt();
                    request.flags = AttributeReader.v3OpenFlags(access, buffer.getInt());
                } else {
                    request.flags = buffer.getInt();
                }
                request.attributes = AttributeReader.read(buffer, version);
            }
            case CLOSE, FSTAT, READDIR -> handle(buffer, request, handles);
            case FSETSTAT -> {
                handle(buffer, request, handles);
                request.attributes = AttributeReader.read(buffer, version);
            }
            case SETSTAT, MKDIR -> {
                request.path = string(buffer);
                request.attributes = AttributeReader.read(buffer, version);
            }
            case READ -> {
                handle(buffer, request, handles);
                request.offset = buffer.getLong();
                request.length = buffer.getUInt();
            }
            case WRITE -> {
                handle(buffer, request, handles);
                request.offset = buffer.getLong();
                request.length = buffer.getUInt();
            }
            case LSTAT, STAT, OPENDIR, REMOVE, RMDIR, REALPATH, READLINK -> request.path = string(buffer);
            case RENAME, SYMLINK, LINK -> {
                request.path = string(buffer);
                request.targetPath = string(buffer);
            }
            case EXTENDED -> readExtended(buffer, request, version, handles);
            default -> {
                // INIT, BLOCK, UNBLOCK, UNKNOWN: nothing the log shows
            }
        }
    }

    private static void readExtended(Buffer buffer, RequestInfo request, int version, Map<String, String> handles) {
        request.extension = buffer.getString();
        switch (request.extension) {
            case "posix-rename@openssh.com", "hardlink@openssh.com", "copy-file" -> {
                request.path = string(buffer);
                request.targetPath = string(buffer);
            }
            case "lsetstat@openssh.com" -> {
                request.path = string(buffer);
                request.attributes = AttributeReader.read(buffer, version);
            }
            case "statvfs@openssh.com", "space-available", "check-file-name",
                    "md5-hash" -> request.path = string(buffer);
            case "fstatvfs@openssh.com", "fsync@openssh.com", "check-file-handle", "md5-hash-handle" ->
                handle(buffer, request, handles);
            default -> {
                // other extensions: the name is enough
            }
        }
    }

    private static void handle(Buffer buffer, RequestInfo request, Map<String, String> handles) {
        request.handle = string(buffer);
        request.path = handles.get(request.handle);
    }

    private static String string(Buffer buffer) {
        return new String(buffer.getBytes(), StandardCharsets.UTF_8);
    }
}
