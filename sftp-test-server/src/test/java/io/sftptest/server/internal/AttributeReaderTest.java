package io.sftptest.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.sshd.sftp.common.SftpConstants;
import org.junit.jupiter.api.Test;

import io.sftptest.server.RecordedRequest;

class AttributeReaderTest {
    @Test
    void translatesAVersion6CreateForWritingToVersion3Flags() {
        int flags = AttributeReader.v3OpenFlags(SftpConstants.ACE4_WRITE_DATA, SftpConstants.SSH_FXF_CREATE_TRUNCATE);
        assertThat(flags).isEqualTo(RecordedRequest.FXF_WRITE | RecordedRequest.FXF_CREAT | RecordedRequest.FXF_TRUNC);
    }

    @Test
    void translatesAVersion6ReadOfAnExistingFile() {
        int flags = AttributeReader.v3OpenFlags(SftpConstants.ACE4_READ_DATA, SftpConstants.SSH_FXF_OPEN_EXISTING);
        assertThat(flags).isEqualTo(RecordedRequest.FXF_READ);
    }

    @Test
    void translatesAppendAndExclusiveCreate() {
        int flags = AttributeReader.v3OpenFlags(SftpConstants.ACE4_APPEND_DATA,
                SftpConstants.SSH_FXF_CREATE_NEW | SftpConstants.SSH_FXF_APPEND_DATA);
        assertThat(flags).isEqualTo(RecordedRequest.FXF_WRITE | RecordedRequest.FXF_APPEND | RecordedRequest.FXF_CREAT
                | RecordedRequest.FXF_EXCL);
    }
}
