/**
 * The event objects that {@link io.sftptest.server.SftpServerListener} receives, one class per event of
 * the seed component (Connected, ConnectionRequest, Disconnected, DirCreate, DirList, DirRemove, FileOpen,
 * FileRead, FileWrite, FileClose, FileRemove, FileRename, GetAttributes, SetAttributes, ResolvePath,
 * SSHUserAuthRequest, SSHStatus, Log, Error), and the values they carry ({@link
 * io.sftptest.server.SftpFileAttributes}, {@link io.sftptest.server.event.VirtualFile}).
 */
package io.sftptest.server.event;
