package io.sftptest.server.event;

import io.sftptest.server.SftpFileAttributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Vector;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.SftpATTRS;
import com.jcraft.jsch.SftpException;

import io.sftptest.server.EventRecorder;
import io.sftptest.server.SftpOperation;
import io.sftptest.server.SftpServerListener;
import io.sftptest.server.SftpStatus;
import io.sftptest.server.SftpTestServer;
import io.sftptest.server.TestClients;

/** The twelve file-system events, each with a real client: fields, before/after order, statuses set. */
class FileSystemEventsTest {
    private final EventRecorder recorder = new EventRecorder();
    private SftpTestServer server;

    private TestClients.Jsch connect(SftpServerListener... listeners) throws Exception {
        SftpTestServer.Builder builder = SftpTestServer.builder().user("alice", "secret")
                .file("/in/a.txt", "hello").directory("/d");
        for (SftpServerListener listener : listeners) {
            builder.listener(listener);
        }
        server = builder.listener(recorder).start();
        return TestClients.jsch(server, "alice", "secret");
    }

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
    }

    private static void assertPair(List<? extends FileSystemEvent> events, String path, SftpStatus outcome) {
        assertThat(events).hasSize(2);
        FileSystemEvent before = events.get(0);
        FileSystemEvent after = events.get(1);
        assertThat(before.beforeExec()).isTrue();
        assertThat(before.statusCode()).isNull();
        assertThat(after.beforeExec()).isFalse();
        assertThat(after.statusCode()).isEqualTo(outcome);
        assertThat(before.path()).isEqualTo(path);
        assertThat(after.path()).isEqualTo(path);
        assertThat(before.user()).isEqualTo("alice");
        assertThat(before.connectionId()).isPositive();
    }

    private static int failureCode(ThrowingAction action) {
        SftpException e = catchThrowableOfType(action::run, SftpException.class);
        assertThat(e).as("the client should have failed").isNotNull();
        return e.id;
    }

    @FunctionalInterface
    private interface ThrowingAction {
        void run() throws Exception;
    }

    // ------------------------------------------------------------------ DirCreate

    @Test
    void dirCreateFiresBeforeAndAfterWithThePath() throws Exception {
        try (TestClients.Jsch client = connect()) {
            client.sftp().mkdir("/new");
        }
        assertPair(recorder.all(DirCreateEvent.class), "/new", SftpStatus.OK);
        assertThat(recorder.all(DirCreateEvent.class).get(0).operation()).isEqualTo(SftpOperation.MKDIR);
        assertThat(server.isDirectory("/new")).isTrue();
    }

    @Test
    void dirCreateRefusedBeforeExecutionAnswersTheStatusAndCreatesNothing() throws Exception {
        SftpServerListener refuse = new SftpServerListener() {
            @Override
            public void onDirCreate(DirCreateEvent e) {
                if (e.beforeExec()) {
                    e.setStatusCode(SftpStatus.PERMISSION_DENIED, "no new directories");
                }
            }
        };
        try (TestClients.Jsch client = connect(refuse)) {
            SftpException e = catchThrowableOfType(() -> client.sftp().mkdir("/new"), SftpException.class);
            assertThat(e.id).isEqualTo(SftpStatus.PERMISSION_DENIED.code());
            assertThat(e.getMessage()).contains("no new directories");
        }
        assertThat(recorder.all(DirCreateEvent.class)).hasSize(1);
        assertThat(server.exists("/new")).isFalse();
    }

    @Test
    void dirCreateFailedAfterExecutionWasStillCreated() throws Exception {
        SftpServerListener fail = new SftpServerListener() {
            @Override
            public void onDirCreate(DirCreateEvent e) {
                if (!e.beforeExec()) {
                    e.setStatusCode(SftpStatus.FAILURE);
                }
            }
        };
        try (TestClients.Jsch client = connect(fail)) {
            assertThat(failureCode(() -> client.sftp().mkdir("/new"))).isEqualTo(SftpStatus.FAILURE.code());
        }
        assertThat(server.isDirectory("/new")).isTrue();
    }

    // ------------------------------------------------------------------ DirList

    @Test
    void dirListFiresForOpendirAndItsCloseFiresFileClose() throws Exception {
        server = null;
        try (TestClients.Jsch client = connect()) {
            server.putFile("/d/x.txt", "x");
            Vector<?> entries = client.sftp().ls("/d");
            assertThat(entries).extracting(e -> ((ChannelSftp.LsEntry) e).getFilename()).contains("x.txt");
        }
        assertPair(recorder.all(DirListEvent.class), "/d", SftpStatus.OK);
        FileCloseEvent close = recorder.all(FileCloseEvent.class).get(1);
        assertThat(close.directory()).isTrue();
        assertThat(close.path()).isEqualTo("/d");
    }

    @Test
    void dirListStatusSetBeforeExecutionReachesTheClient() throws Exception {
        SftpServerListener hide = new SftpServerListener() {
            @Override
            public void onDirList(DirListEvent e) {
                if (e.beforeExec()) {
                    e.setStatusCode(SftpStatus.NO_SUCH_FILE);
                }
            }
        };
        try (TestClients.Jsch client = connect(hide)) {
            assertThat(failureCode(() -> client.sftp().ls("/d"))).isEqualTo(SftpStatus.NO_SUCH_FILE.code());
        }
    }

    @Test
    void dirListFileListSetBeforeExecutionReplacesTheRealListing() throws Exception {
        SftpServerListener fake = new SftpServerListener() {
            @Override
            public void onDirList(DirListEvent e) {
                if (e.beforeExec()) {
                    e.setFileList(List.of(VirtualFile.file("ghost.csv", 12), VirtualFile.directory("sub")));
                }
            }
        };
        try (TestClients.Jsch client = connect(fake)) {
            Vector<?> entries = client.sftp().ls("/d");
            assertThat(entries).extracting(e -> ((ChannelSftp.LsEntry) e).getFilename())
                    .containsExactly("ghost.csv", "sub");
            ChannelSftp.LsEntry ghost = (ChannelSftp.LsEntry) entries.get(0);
            assertThat(ghost.getAttrs().getSize()).isEqualTo(12);
            assertThat(((ChannelSftp.LsEntry) entries.get(1)).getAttrs().isDir()).isTrue();
        }
    }

    // ------------------------------------------------------------------ DirRemove

    @Test
    void dirRemoveFiresAndAV6OnlyStatusReachesAV3ClientAsItsNearestCode() throws Exception {
        SftpServerListener refuse = new SftpServerListener() {
            @Override
            public void onDirRemove(DirRemoveEvent e) {
                if (e.beforeExec() && e.path().equals("/keep")) {
                    e.setStatusCode(SftpStatus.DIR_NOT_EMPTY);
                }
            }
        };
        try (TestClients.Jsch client = connect(refuse)) {
            client.sftp().rmdir("/d");
            server.createDirectory("/keep");
            // DIR_NOT_EMPTY (18) is v6; JSch speaks v3, which gets FAILURE (4)
            assertThat(failureCode(() -> client.sftp().rmdir("/keep"))).isEqualTo(SftpStatus.FAILURE.code());
        }
        List<DirRemoveEvent> events = recorder.all(DirRemoveEvent.class);
        assertPair(events.subList(0, 2), "/d", SftpStatus.OK);
        assertThat(events.get(2).statusCode()).isEqualTo(SftpStatus.DIR_NOT_EMPTY);
        assertThat(server.exists("/d")).isFalse();
        assertThat(server.exists("/keep")).isTrue();
    }

    // ------------------------------------------------------------------ FileOpen, FileRead, FileClose

    @Test
    void downloadFiresOpenReadsAndCloseInOrderWithTheirFields() throws Exception {
        try (TestClients.Jsch client = connect()) {
            assertThat(client.get("/in/a.txt")).isEqualTo("hello");
        }
        List<FileOpenEvent> opens = recorder.all(FileOpenEvent.class);
        assertPair(opens, "/in/a.txt", SftpStatus.OK);
        assertThat(opens.get(0).flags()).isEqualTo(0x01); // SSH_FXF_READ
        assertThat(opens.get(0).handle()).isNull();
        String handle = opens.get(1).handle();
        assertThat(handle).isNotNull();

        List<FileReadEvent> reads = recorder.all(FileReadEvent.class);
        FileReadEvent firstBefore = reads.get(0);
        FileReadEvent firstAfter = reads.get(1);
        assertThat(firstBefore.beforeExec()).isTrue();
        assertThat(firstBefore.offset()).isZero();
        assertThat(firstBefore.length()).isPositive();
        assertThat(firstBefore.handle()).isEqualTo(handle);
        assertThat(firstBefore.path()).isEqualTo("/in/a.txt");
        assertThat(firstAfter.beforeExec()).isFalse();
        assertThat(firstAfter.statusCode()).isEqualTo(SftpStatus.OK);
        assertThat(new String(firstAfter.data())).isEqualTo("hello");
        assertThat(reads).filteredOn(r -> !r.beforeExec() && r.statusCode() == SftpStatus.EOF).isNotEmpty();

        List<FileCloseEvent> closes = recorder.all(FileCloseEvent.class);
        assertPair(closes, "/in/a.txt", SftpStatus.OK);
        assertThat(closes.get(0).handle()).isEqualTo(handle);
        assertThat(closes.get(0).directory()).isFalse();
    }

    @Test
    void fileOpenRefusedBeforeExecutionReachesTheClient() throws Exception {
        SftpServerListener refuse = new SftpServerListener() {
            @Override
            public void onFileOpen(FileOpenEvent e) {
                if (e.beforeExec()) {
                    e.setStatusCode(SftpStatus.PERMISSION_DENIED, "locked");
                }
            }
        };
        try (TestClients.Jsch client = connect(refuse)) {
            assertThat(failureCode(() -> client.get("/in/a.txt"))).isEqualTo(SftpStatus.PERMISSION_DENIED.code());
        }
        assertThat(recorder.all(FileOpenEvent.class)).hasSize(1);
    }

    @Test
    void fileOpenFailedAfterExecutionClosesTheOpenedFileAndReachesTheClient() throws Exception {
        SftpServerListener fail = new SftpServerListener() {
            @Override
            public void onFileOpen(FileOpenEvent e) {
                if (!e.beforeExec()) {
                    e.setStatusCode(SftpStatus.FAILURE, "changed my mind");
                }
            }
        };
        try (TestClients.Jsch client = connect(fail)) {
            assertThat(failureCode(() -> client.put("/in/new.txt", "x"))).isEqualTo(SftpStatus.FAILURE.code());
        }
        FileOpenEvent before = recorder.all(FileOpenEvent.class).get(0);
        assertThat(before.flags()).isEqualTo(0x02 | 0x08 | 0x10); // WRITE | CREAT | TRUNC
        assertThat(server.exists("/in/new.txt")).isTrue(); // the open happened
    }

    @Test
    void anOpenThatFailedAndIsAnsweredOkAfterExecutionBecomesAVirtualFile() throws Exception {
        SftpServerListener rescue = new SftpServerListener() {
            @Override
            public void onFileOpen(FileOpenEvent e) {
                if (!e.beforeExec() && e.statusCode() == SftpStatus.NO_SUCH_FILE) {
                    e.setStatusCode(SftpStatus.OK);
                }
            }

            @Override
            public void onFileRead(FileReadEvent e) {
                if (e.beforeExec() && e.path().equals("/missing.txt") && e.offset() == 0) {
                    e.setData("made up".getBytes());
                }
            }
        };
        try (TestClients.Jsch client = connect(rescue)) {
            assertThat(client.get("/missing.txt")).isEqualTo("made up");
        }
        assertThat(recorder.all(FileOpenEvent.class).get(1).statusCode()).isEqualTo(SftpStatus.OK);
    }

    @Test
    void fileReadDataSetAfterExecutionReplacesTheBytesRead() throws Exception {
        SftpServerListener shout = new SftpServerListener() {
            @Override
            public void onFileRead(FileReadEvent e) {
                if (!e.beforeExec() && e.data() != null && e.data().length > 0) {
                    e.setData(new String(e.data()).toUpperCase().getBytes());
                }
            }
        };
        try (TestClients.Jsch client = connect(shout)) {
            assertThat(client.get("/in/a.txt")).isEqualTo("HELLO");
        }
    }

    @Test
    void fileReadStatusSetBeforeExecutionReachesTheClient() throws Exception {
        SftpServerListener fail = new SftpServerListener() {
            @Override
            public void onFileRead(FileReadEvent e) {
                if (e.beforeExec()) {
                    e.setStatusCode(SftpStatus.PERMISSION_DENIED, "no reading today");
                }
            }
        };
        try (TestClients.Jsch client = connect(fail)) {
            assertThat(failureCode(() -> client.get("/in/a.txt"))).isEqualTo(SftpStatus.PERMISSION_DENIED.code());
        }
    }

    @Test
    void fileCloseStatusSetBeforeExecutionReachesTheClient() throws Exception {
        SftpServerListener fail = new SftpServerListener() {
            @Override
            public void onFileClose(FileCloseEvent e) {
                if (e.beforeExec()) {
                    e.setStatusCode(SftpStatus.FAILURE, "close failed");
                }
            }
        };
        try (TestClients.Jsch client = connect(fail)) {
            assertThat(failureCode(() -> client.put("/in/b.txt", "data"))).isEqualTo(SftpStatus.FAILURE.code());
        }
        assertThat(recorder.all(FileCloseEvent.class)).hasSize(1);
    }

    // ------------------------------------------------------------------ FileWrite

    @Test
    void fileWriteCarriesTheBytesAndAStatusSetAfterExecutionReachesTheClientThoughTheDataWasWritten()
            throws Exception {
        SftpServerListener fail = new SftpServerListener() {
            @Override
            public void onFileWrite(FileWriteEvent e) {
                if (!e.beforeExec()) {
                    e.setStatusCode(SftpStatus.QUOTA_EXCEEDED, "quota");
                }
            }
        };
        try (TestClients.Jsch client = connect(fail)) {
            // QUOTA_EXCEEDED (15, v5) reaches a v3 client as FAILURE
            assertThat(failureCode(() -> client.put("/in/up.txt", "uploaded"))).isEqualTo(SftpStatus.FAILURE.code());
        }
        List<FileWriteEvent> writes = recorder.all(FileWriteEvent.class);
        assertThat(writes.get(0).beforeExec()).isTrue();
        assertThat(writes.get(0).offset()).isZero();
        assertThat(new String(writes.get(0).data())).isEqualTo("uploaded");
        assertThat(writes.get(0).path()).isEqualTo("/in/up.txt");
        assertThat(writes.get(1).beforeExec()).isFalse();
        assertThat(writes.get(1).statusCode()).isEqualTo(SftpStatus.QUOTA_EXCEEDED);
        assertThat(server.fileContent("/in/up.txt", java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("uploaded");
    }

    @Test
    void fileWriteRefusedBeforeExecutionWritesNothing() throws Exception {
        SftpServerListener refuse = new SftpServerListener() {
            @Override
            public void onFileWrite(FileWriteEvent e) {
                if (e.beforeExec()) {
                    e.setStatusCode(SftpStatus.PERMISSION_DENIED);
                }
            }
        };
        try (TestClients.Jsch client = connect(refuse)) {
            assertThat(failureCode(() -> client.put("/in/up.txt", "uploaded")))
                    .isEqualTo(SftpStatus.PERMISSION_DENIED.code());
        }
        assertThat(server.fileContent("/in/up.txt")).isEmpty();
    }

    // ------------------------------------------------------------------ FileRemove

    @Test
    void fileRemoveFiresAndARefusalKeepsTheFile() throws Exception {
        SftpServerListener refuse = new SftpServerListener() {
            @Override
            public void onFileRemove(FileRemoveEvent e) {
                if (e.beforeExec() && e.path().endsWith("a.txt")) {
                    e.setStatusCode(SftpStatus.PERMISSION_DENIED, "protected");
                }
            }
        };
        try (TestClients.Jsch client = connect(refuse)) {
            server.putFile("/in/b.txt", "b");
            client.sftp().rm("/in/b.txt");
            assertThat(failureCode(() -> client.sftp().rm("/in/a.txt"))).isEqualTo(SftpStatus.PERMISSION_DENIED.code());
        }
        List<FileRemoveEvent> events = recorder.all(FileRemoveEvent.class);
        assertPair(events.subList(0, 2), "/in/b.txt", SftpStatus.OK);
        assertThat(events.get(2).statusCode()).isEqualTo(SftpStatus.PERMISSION_DENIED);
        assertThat(server.exists("/in/b.txt")).isFalse();
        assertThat(server.exists("/in/a.txt")).isTrue();
    }

    // ------------------------------------------------------------------ FileRename

    @Test
    void fileRenameCarriesBothPathsAndARefusalKeepsTheName() throws Exception {
        SftpServerListener refuse = new SftpServerListener() {
            @Override
            public void onFileRename(FileRenameEvent e) {
                if (e.beforeExec() && e.newPath().endsWith(".bak")) {
                    e.setStatusCode(SftpStatus.PERMISSION_DENIED);
                }
            }
        };
        try (TestClients.Jsch client = connect(refuse)) {
            client.sftp().rename("/in/a.txt", "/in/b.txt");
            assertThat(failureCode(() -> client.sftp().rename("/in/b.txt", "/in/b.bak")))
                    .isEqualTo(SftpStatus.PERMISSION_DENIED.code());
        }
        List<FileRenameEvent> events = recorder.all(FileRenameEvent.class);
        assertPair(events.subList(0, 2), "/in/a.txt", SftpStatus.OK);
        assertThat(events.get(0).newPath()).isEqualTo("/in/b.txt");
        // JSch uses posix-rename@openssh.com when the server offers it
        assertThat(events.get(0).operation()).isIn(SftpOperation.RENAME, SftpOperation.EXTENDED);
        assertThat(server.exists("/in/b.txt")).isTrue();
        assertThat(server.exists("/in/b.bak")).isFalse();
    }

    // ------------------------------------------------------------------ GetAttributes

    @Test
    void getAttributesCarriesTheAttributesFoundAndAListenerCanReplaceThem() throws Exception {
        SftpServerListener bigger = new SftpServerListener() {
            @Override
            public void onGetAttributes(GetAttributesEvent e) {
                if (!e.beforeExec() && e.path().equals("/in/a.txt") && e.operation() == SftpOperation.LSTAT) {
                    e.setAttributes(SftpFileAttributes.file(42));
                }
            }
        };
        try (TestClients.Jsch client = connect(bigger)) {
            assertThat(client.sftp().stat("/in/a.txt").getSize()).isEqualTo(5);
            assertThat(client.sftp().lstat("/in/a.txt").getSize()).isEqualTo(42);
        }
        List<GetAttributesEvent> events = recorder.all(GetAttributesEvent.class);
        assertPair(events.subList(0, 2), "/in/a.txt", SftpStatus.OK);
        assertThat(events.get(0).operation()).isEqualTo(SftpOperation.STAT);
        assertThat(events.get(0).attributes()).isNull();
        SftpFileAttributes found = events.get(1).attributes();
        assertThat(found.size()).isEqualTo(5);
        assertThat(found.type()).isEqualTo(SftpFileAttributes.Type.REGULAR);
        assertThat(found.modifyTime()).isNotNull();
    }

    @Test
    void getAttributesStatusSetBeforeExecutionReachesTheClient() throws Exception {
        SftpServerListener hide = new SftpServerListener() {
            @Override
            public void onGetAttributes(GetAttributesEvent e) {
                if (e.beforeExec()) {
                    e.setStatusCode(SftpStatus.NO_SUCH_FILE);
                }
            }
        };
        try (TestClients.Jsch client = connect(hide)) {
            assertThat(failureCode(() -> client.sftp().stat("/in/a.txt"))).isEqualTo(SftpStatus.NO_SUCH_FILE.code());
        }
    }

    // ------------------------------------------------------------------ SetAttributes

    @Test
    void setAttributesCarriesThePermissionsAndARefusalChangesNothing() throws Exception {
        SftpServerListener refuse = new SftpServerListener() {
            @Override
            public void onSetAttributes(SetAttributesEvent e) {
                if (e.beforeExec() && e.attributes().permissions() != null && e.attributes().permissions() == 0777) {
                    e.setStatusCode(SftpStatus.PERMISSION_DENIED, "no world-writable files");
                }
            }
        };
        try (TestClients.Jsch client = connect(refuse)) {
            client.sftp().chmod(0600, "/in/a.txt");
            assertThat(failureCode(() -> client.sftp().chmod(0777, "/in/a.txt")))
                    .isEqualTo(SftpStatus.PERMISSION_DENIED.code());
            SftpATTRS attrs = client.sftp().stat("/in/a.txt");
            assertThat(attrs.getPermissions() & 0777).isEqualTo(0600);
        }
        List<SetAttributesEvent> events = recorder.all(SetAttributesEvent.class);
        assertPair(events.subList(0, 2), "/in/a.txt", SftpStatus.OK);
        assertThat(events.get(0).operation()).isEqualTo(SftpOperation.SETSTAT);
        assertThat(events.get(0).attributes().permissions()).isEqualTo(0600);
        assertThat(events.get(2).statusCode()).isEqualTo(SftpStatus.PERMISSION_DENIED);
    }

    // ------------------------------------------------------------------ ResolvePath

    @Test
    void resolvePathCarriesTheOriginalAndResolvedPathsAndAListenerCanReplaceTheAnswer() throws Exception {
        SftpServerListener elsewhere = new SftpServerListener() {
            @Override
            public void onResolvePath(ResolvePathEvent e) {
                if (!e.beforeExec() && e.originalPath().equals("elsewhere")) {
                    e.setRealPath("/somewhere/else");
                }
                if (e.beforeExec() && e.originalPath().equals("/missing")) {
                    e.setStatusCode(SftpStatus.NO_SUCH_FILE);
                }
            }
        };
        server = SftpTestServer.builder().user("alice", "secret").directory("/in").listener(elsewhere)
                .listener(recorder).start();
        try (TestClients.Mina client = TestClients.mina(server, "alice", "secret", null)) {
            assertThat(client.sftp().canonicalPath("/in/../in")).isEqualTo("/in");
            assertThat(client.sftp().canonicalPath("elsewhere")).isEqualTo("/somewhere/else");
            org.apache.sshd.sftp.common.SftpException e = catchThrowableOfType(
                    () -> client.sftp().canonicalPath("/missing"), org.apache.sshd.sftp.common.SftpException.class);
            assertThat(e.getStatus()).isEqualTo(SftpStatus.NO_SUCH_FILE.code());
        }
        List<ResolvePathEvent> events = recorder.all(ResolvePathEvent.class).stream()
                .filter(e -> e.originalPath().equals("/in/../in")).toList();
        assertPair(events, "/in/../in", SftpStatus.OK);
        assertThat(events.get(0).realPath()).isNull();
        assertThat(events.get(1).realPath()).isEqualTo("/in");
    }

    // ------------------------------------------------------------------ registration

    @Test
    void aListenerAddedAndRemovedAtRuntimeSeesOnlyTheRequestsInBetween() throws Exception {
        server = SftpTestServer.builder().user("alice", "secret").file("/in/a.txt", "hello").start();
        EventRecorder late = new EventRecorder();
        try (TestClients.Jsch client = TestClients.jsch(server, "alice", "secret")) {
            client.sftp().stat("/in/a.txt");
            try (AutoCloseable registration = server.addListener(late)) {
                client.sftp().lstat("/in/a.txt");
            }
            client.sftp().stat("/in/a.txt");
        }
        assertThat(late.all(GetAttributesEvent.class)).extracting(FileSystemEvent::operation)
                .containsExactly(SftpOperation.LSTAT, SftpOperation.LSTAT);
    }
}
