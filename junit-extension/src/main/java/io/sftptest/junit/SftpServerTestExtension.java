package io.sftptest.junit;

/**
 * The extension {@link SftpServerTest} registers: it runs the servers declared with the annotation (on classes,
 * enclosing classes and methods). Servers of {@link SftpServerExtension} fields are run by those extensions; both
 * share their callbacks ({@link ServerCallbacks}).
 */
final class SftpServerTestExtension extends ServerCallbacks {
}
