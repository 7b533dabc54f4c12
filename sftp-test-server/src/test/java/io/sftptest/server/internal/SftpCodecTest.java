package io.sftptest.server.internal;

import static io.sftptest.server.internal.SftpCodec.Detail.FIELDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.sftp.common.SftpConstants;
import org.junit.jupiter.api.Test;

import io.sftptest.server.RecordedRequest;
import io.sftptest.server.SftpOperation;
import io.sftptest.server.SftpStatus;

class SftpCodecTest {
    @Test
    void translatesAVersion6CreateForWritingToVersion3Flags() {
        int flags = SftpCodec.v3OpenFlags(SftpConstants.ACE4_WRITE_DATA, SftpConstants.SSH_FXF_CREATE_TRUNCATE);
        assertThat(flags).isEqualTo(RecordedRequest.FXF_WRITE | RecordedRequest.FXF_CREAT | RecordedRequest.FXF_TRUNC);
    }

    @Test
    void translatesAVersion6ReadOfAnExistingFile() {
        int flags = SftpCodec.v3OpenFlags(SftpConstants.ACE4_READ_DATA, SftpConstants.SSH_FXF_OPEN_EXISTING);
        assertThat(flags).isEqualTo(RecordedRequest.FXF_READ);
    }

    @Test
    void translatesAppendAndExclusiveCreate() {
        int flags = SftpCodec.v3OpenFlags(SftpConstants.ACE4_APPEND_DATA,
                SftpConstants.SSH_FXF_CREATE_NEW | SftpConstants.SSH_FXF_APPEND_DATA);
        assertThat(flags).isEqualTo(RecordedRequest.FXF_WRITE | RecordedRequest.FXF_APPEND | RecordedRequest.FXF_CREAT
                | RecordedRequest.FXF_EXCL);
    }

    @Test
    void decodesAVersion3AndAVersion6UploadOpenToTheSameNormalisedFlags() {
        Buffer v3 = payload();
        v3.putString("/out/a.csv");
        v3.putInt(RecordedRequest.FXF_WRITE | RecordedRequest.FXF_CREAT | RecordedRequest.FXF_TRUNC);
        v3.putInt(0); // no attributes
        Buffer v6 = payload();
        v6.putString("/out/a.csv");
        v6.putInt(SftpConstants.ACE4_WRITE_DATA);
        v6.putInt(SftpConstants.SSH_FXF_CREATE_TRUNCATE);
        v6.putInt(0);

        SftpRequest fromV3 = SftpCodec.decode(v3, SftpConstants.SSH_FXP_OPEN, 7, 3, Map.of(), FIELDS);
        SftpRequest fromV6 = SftpCodec.decode(v6, SftpConstants.SSH_FXP_OPEN, 7, 6, Map.of(), FIELDS);

        assertThat(fromV3.openFlags()).isEqualTo(fromV6.openFlags())
                .isEqualTo(RecordedRequest.FXF_WRITE | RecordedRequest.FXF_CREAT | RecordedRequest.FXF_TRUNC);
        assertThat(fromV6.access()).isEqualTo(SftpConstants.ACE4_WRITE_DATA);
        assertThat(fromV3.path()).isEqualTo(fromV6.path()).isEqualTo("/out/a.csv");
        assertThat(fromV3.attributes()).isNull();
        assertThat(v3.rpos()).as("the buffer is left for MINA to read").isZero();
    }

    @Test
    void decodesAWriteWithoutCopyingItsDataUnlessAsked() {
        Buffer write = payload();
        write.putString("h1");
        write.putLong(4096);
        write.putBytes("hello".getBytes(StandardCharsets.UTF_8));

        SftpRequest lean = SftpCodec.decode(write, SftpConstants.SSH_FXP_WRITE, 1, 3, Map.of("h1", "/in/a"), FIELDS);
        SftpRequest full = SftpCodec.decode(write, SftpConstants.SSH_FXP_WRITE, 1, 3, Map.of("h1", "/in/a"),
                SftpCodec.Detail.FIELDS_AND_DATA);

        assertThat(lean.length()).isEqualTo(full.length()).isEqualTo(5);
        assertThat(lean.data()).isNull();
        assertThat(full.data()).asString(StandardCharsets.UTF_8).isEqualTo("hello");
        assertThat(lean.path()).as("the client's path behind the handle").isEqualTo("/in/a");
        assertThat(lean.offset()).isEqualTo(4096);
    }

    @Test
    void keepsWhatAMalformedRequestHeldAndSaysWhy() {
        Buffer rename = payload();
        rename.putString("/from");
        rename.putInt(99); // a second string that is cut off

        SftpRequest request = SftpCodec.decode(rename, SftpConstants.SSH_FXP_RENAME, 3, 3, Map.of(), FIELDS);

        assertThat(request.operation()).isEqualTo(SftpOperation.RENAME);
        assertThat(request.path()).isEqualTo("/from");
        assertThat(request.malformed()).isNotNull();
    }

    @Test
    void decodesOnlyWhatPerformingNeedsWhenNothingWatchesTheRequests() {
        Buffer read = payload();
        read.putString("h1");
        read.putLong(8192);
        read.putInt(32768);
        Buffer rename = payload();
        rename.putString(SftpRequest.POSIX_RENAME);
        rename.putString("/a");
        rename.putString("/b");

        SftpRequest cappable = SftpCodec.decode(read, SftpConstants.SSH_FXP_READ, 1, 3, Map.of("h1", "/in/a"),
                SftpCodec.Detail.OPERATION);
        SftpRequest confined = SftpCodec.decode(rename, SftpConstants.SSH_FXP_EXTENDED, 2, 3, Map.of(),
                SftpCodec.Detail.OPERATION);

        assertThat(cappable.length()).as("a read's length, for the cap").isEqualTo(32768);
        assertThat(cappable.handle()).isNull();
        assertThat(cappable.path()).isNull();
        assertThat(confined.actsOnLinkItself()).as("an extension's name, for the confinement").isTrue();
        assertThat(confined.path()).as("an extension's fields: the server performs statvfs from them").isEqualTo("/a");
    }

    @Test
    void decodesALinkOnceForTheServerToPerformIt() {
        Buffer link = payload();
        link.putString("/new-link");
        link.putString("/existing");
        link.putBoolean(true);

        SftpRequest request = SftpCodec.decode(link, SftpConstants.SSH_FXP_LINK, 4, 6, Map.of(),
                SftpCodec.Detail.OPERATION);

        assertThat(request.path()).isEqualTo("/new-link");
        assertThat(request.targetPath()).isEqualTo("/existing");
        assertThat(request.flags()).as("symbolic").isEqualTo(1);
    }

    @Test
    void shortensAReadInPlace() {
        Buffer read = payload();
        read.putString("h1");
        read.putLong(0);
        read.putInt(32768);

        SftpCodec.setTransferLength(read, 1000);

        assertThat(SftpCodec.decode(read, SftpConstants.SSH_FXP_READ, 1, 3, Map.of(), FIELDS).length())
                .isEqualTo(1000);
    }

    @Test
    void turnsAnOpenToAppendIntoAPlainWriteInPlaceAtVersion3AndVersion6() {
        Buffer v3 = payload();
        v3.putString("/log.txt");
        v3.putInt(RecordedRequest.FXF_APPEND | RecordedRequest.FXF_CREAT); // append alone also means writing
        v3.putInt(0);
        Buffer v6 = payload();
        v6.putString("/log.txt");
        v6.putInt(SftpConstants.ACE4_APPEND_DATA);
        v6.putInt(SftpConstants.SSH_FXF_OPEN_OR_CREATE | SftpConstants.SSH_FXF_APPEND_DATA_ATOMIC);
        v6.putInt(0);

        SftpCodec.ignoreAppend(v3, 3);
        SftpCodec.ignoreAppend(v6, 6);

        SftpRequest fromV3 = SftpCodec.decode(v3, SftpConstants.SSH_FXP_OPEN, 1, 3, Map.of(), FIELDS);
        SftpRequest fromV6 = SftpCodec.decode(v6, SftpConstants.SSH_FXP_OPEN, 1, 6, Map.of(), FIELDS);
        assertThat(fromV3.openFlags()).isEqualTo(fromV6.openFlags())
                .isEqualTo(RecordedRequest.FXF_WRITE | RecordedRequest.FXF_CREAT);
        assertThat(fromV6.access()).isEqualTo(SftpConstants.ACE4_WRITE_DATA);
        assertThat(fromV3.path()).isEqualTo(fromV6.path()).isEqualTo("/log.txt");
    }

    @Test
    void mapsAStatusOnlyNewerVersionsKnowAndReplacesItsMessage() {
        Buffer reply = SftpCodec.status(new ByteArrayBuffer(), 9, SftpStatus.NO_SPACE_ON_FILESYSTEM, "full");

        SftpCodec.rewriteStatus(reply, 3, Map.of(SftpStatus.NO_SPACE_ON_FILESYSTEM, "quota exceeded"));

        SftpCodec.ReplySummary summary = SftpCodec.summary(reply);
        assertThat(summary.status()).isEqualTo(SftpStatus.FAILURE);
        assertThat(summary.message()).isEqualTo("quota exceeded");
    }

    private static Buffer payload() {
        return new ByteArrayBuffer();
    }
}
