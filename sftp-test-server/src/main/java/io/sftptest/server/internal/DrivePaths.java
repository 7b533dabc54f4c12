package io.sftptest.server.internal;

/**
 * Real paths with a Windows drive, as Win32-OpenSSH answers them: {@code REALPATH} of {@code /in} is {@code /C:/in},
 * and the paths clients then send ({@code /C:/in/a.txt}, and {@code C:/in/a.txt} as Win32-OpenSSH also takes) name
 * the server's {@code /in/a.txt}. A path without the drive still names the same file, as {@code /in} names a
 * directory on the current drive of a Windows server.
 */
final class DrivePaths {
    private final String drive;

    /**
     * Creates the mapping for one drive.
     *
     * @param drive the upper-case letter, e.g. {@code "C"}
     */
    DrivePaths(String drive) {
        this.drive = drive;
    }

    /** The path a client sees for a server path: {@code /in} becomes {@code /C:/in}, {@code /} becomes {@code /C:/}. */
    String toClient(String serverPath) {
        return "/" + drive + ":" + (serverPath.startsWith("/") ? serverPath : "/" + serverPath);
    }

    /** The server path a client's path names: the drive is taken off {@code /C:/x}, {@code /C:}, {@code C:/x}. */
    String toServer(String clientPath) {
        String path = clientPath;
        int start = path.startsWith("/") ? 1 : 0;
        if (path.length() >= start + 2 && path.charAt(start + 1) == ':'
                && Character.toUpperCase(path.charAt(start)) == drive.charAt(0)) {
            String rest = path.substring(start + 2).replace('\\', '/');
            return rest.isEmpty() ? "/" : rest.startsWith("/") ? rest : "/" + rest;
        }
        return path;
    }
}
