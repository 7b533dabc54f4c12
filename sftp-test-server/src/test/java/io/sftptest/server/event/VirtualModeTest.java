package io.sftptest.server.event;

import io.sftptest.server.SftpFileAttributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Vector;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.SftpException;

import io.sftptest.server.EventRecorder;
import io.sftptest.server.SftpServerListener;
import io.sftptest.server.SftpStatus;
import io.sftptest.server.SftpTestServer;
import io.sftptest.server.TestClients;

/** Virtual mode: no filesystem, listeners serve listings and file data and receive uploads. */
class VirtualModeTest {
    private static final byte[] REPORT = "id,amount\n1,42\n".repeat(5000).getBytes(StandardCharsets.UTF_8);

    /** A tiny fake server content: one directory listing, one file, and a sink for uploads. */
    private static final class FakeContent implements SftpServerListener {
        final Map<Long, byte[]> uploaded = new TreeMap<>();

        @Override
        public void onDirList(DirListEvent e) {
            if (e.beforeExec() && e.path().equals("/reports")) {
                e.setFileList(List.of(VirtualFile.file("2024.csv", REPORT.length), VirtualFile.directory("old")));
            } else if (e.beforeExec()) {
                e.setStatusCode(SftpStatus.NO_SUCH_FILE);
            }
        }

        @Override
        public void onGetAttributes(GetAttributesEvent e) {
            if (e.beforeExec() && e.path().equals("/reports")) {
                e.setAttributes(SftpFileAttributes.directory());
            }
        }

        @Override
        public void onFileRead(FileReadEvent e) {
            if (e.beforeExec() && e.path().equals("/reports/2024.csv") && e.offset() < REPORT.length) {
                int end = (int) Math.min(REPORT.length, e.offset() + e.length());
                e.setData(Arrays.copyOfRange(REPORT, (int) e.offset(), end));
            }
        }

        @Override
        public synchronized void onFileWrite(FileWriteEvent e) {
            if (e.beforeExec()) {
                uploaded.put(e.offset(), e.data().clone());
            }
        }

        synchronized byte[] upload() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            uploaded.values().forEach(out::writeBytes);
            return out.toByteArray();
        }
    }

    private final FakeContent content = new FakeContent();
    private final EventRecorder recorder = new EventRecorder();
    private final SftpTestServer server = SftpTestServer.builder().user("alice", "secret").virtualFileSystem()
            .listener(content).listener(recorder).start();

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void listsADirectoryServedEntirelyByAListener() throws Exception {
        try (TestClients.Jsch client = TestClients.jsch(server, "alice", "secret")) {
            Vector<?> entries = client.sftp().ls("/reports");
            assertThat(entries).extracting(e -> ((ChannelSftp.LsEntry) e).getFilename())
                    .containsExactly("2024.csv", "old");
            ChannelSftp.LsEntry file = (ChannelSftp.LsEntry) entries.get(0);
            assertThat(file.getAttrs().getSize()).isEqualTo(REPORT.length);
            assertThat(file.getLongname()).startsWith("-rw-r--r--").endsWith("2024.csv");
            assertThat(((ChannelSftp.LsEntry) entries.get(1)).getAttrs().isDir()).isTrue();
            SftpException missing = catchThrowableOfType(() -> client.sftp().ls("/nowhere"), SftpException.class);
            assertThat(missing.id).isEqualTo(SftpStatus.NO_SUCH_FILE.code());
        }
        assertThat(recorder.all(DirListEvent.class).get(1).fileList()).hasSize(2);
    }

    @Test
    void listsInChunksOfDirListBufferSize() throws Exception {
        server.config("DirListBufferSize=1");
        try (TestClients.Mina client = TestClients.mina(server, "alice", "secret", null)) {
            List<String> names = new java.util.ArrayList<>();
            client.sftp().readDir("/reports").forEach(entry -> names.add(entry.getFilename()));
            assertThat(names).containsExactly("2024.csv", "old");
        }
    }

    @Test
    void downloadsAFileServedEntirelyByAListener() throws Exception {
        try (TestClients.Jsch client = TestClients.jsch(server, "alice", "secret")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            client.sftp().get("/reports/2024.csv", out);
            assertThat(out.toByteArray()).isEqualTo(REPORT);
        }
        FileOpenEvent opened = recorder.all(FileOpenEvent.class).get(1);
        assertThat(opened.handle()).isEqualTo("1"); // seed: an incremental numeric handle by default
        assertThat(recorder.all(FileCloseEvent.class).get(0).handle()).isEqualTo("1");
    }

    @Test
    void aFileNobodyServesIsEmpty() throws Exception {
        try (TestClients.Jsch client = TestClients.jsch(server, "alice", "secret")) {
            assertThat(client.get("/nothing.txt")).isEmpty();
        }
    }

    @Test
    void uploadedBytesReachTheListener() throws Exception {
        try (TestClients.Jsch client = TestClients.jsch(server, "alice", "secret")) {
            client.sftp().put(new java.io.ByteArrayInputStream(REPORT), "/in/upload.csv");
        }
        assertThat(content.upload()).isEqualTo(REPORT);
        assertThat(recorder.all(FileWriteEvent.class)).allMatch(e -> e.path().equals("/in/upload.csv"));
    }

    @Test
    void statWithoutAnAnswerIsNoSuchFileAndAnAnswerIsServed() throws Exception {
        server.addListener(new SftpServerListener() {
            @Override
            public void onGetAttributes(GetAttributesEvent e) {
                if (e.beforeExec() && e.path().equals("/known")) {
                    e.setAttributes(SftpFileAttributes.file(7).withPermissions(0600));
                }
            }
        });
        try (TestClients.Jsch client = TestClients.jsch(server, "alice", "secret")) {
            assertThat(client.sftp().stat("/known").getSize()).isEqualTo(7);
            assertThat(client.sftp().stat("/known").getPermissions() & 0777).isEqualTo(0600);
            SftpException e = catchThrowableOfType(() -> client.sftp().stat("/unknown"), SftpException.class);
            assertThat(e.id).isEqualTo(SftpStatus.NO_SUCH_FILE.code());
            client.sftp().mkdir("/made");
            client.sftp().rename("/a", "/b");
            client.sftp().rm("/b");
            assertThat(client.sftp().realpath("/x/../y")).isEqualTo("/y");
        }
    }

    @Test
    void theFileHelpersSayThereIsNoFilesystem() {
        assertThatThrownBy(() -> server.putFile("/a.txt", "x")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("virtual mode");
        assertThatThrownBy(server::fileSystem).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SftpTestServer.builder().virtualFileSystem().file("/a", "x").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("virtualFileSystem()");
    }
}
