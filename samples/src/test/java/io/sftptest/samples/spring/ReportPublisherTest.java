package io.sftptest.samples.spring;

import static io.sftptest.assertj.SftpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.sftptest.junit.SftpServerExtension;
import io.sftptest.server.SftpOperation;
import io.sftptest.server.SftpTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

// tag::spring[]
@SpringJUnitConfig(ReportPublisherConfig.class)
class ReportPublisherTest {
    // tag::spring-properties[]
    @RegisterExtension
    static SftpServerExtension sftp = new SftpServerExtension(SftpTestServer.builder()
            .user("alice", "secret")
            .directory("/out"));

    @DynamicPropertySource
    static void sftpProperties(DynamicPropertyRegistry registry) {
        registry.add("sftp.host", () -> sftp.server().host());
        registry.add("sftp.port", sftp::port); // read when the context starts: the server is running by then
        registry.add("sftp.user", () -> "alice");
        registry.add("sftp.password", () -> "secret");
    }
    // end::spring-properties[]

    @Autowired
    ReportPublisher publisher;

    @Test
    void publishesTheReportUnderATemporaryNameFirst(SftpTestServer server) {
        String path = publisher.publish("report.csv", "id,total\n1,42\n");

        assertThat(path).isEqualTo("/out/report.csv");
        assertThat(server).hasFile("/out/report.csv").hasContent("id,total\n1,42\n");
        assertThat(server).uploaded("/out/report.csv.writing")
                .received(SftpOperation.RENAME).path("/out/report.csv.writing").once();
    }
    // end::spring[]

    @Test
    void listsThePublishedReports(SftpTestServer server) {
        server.putFile("/out/a.csv", "1").putFile("/out/b.csv", "2");

        assertThat(publisher.list("/out")).containsExactly("a.csv", "b.csv");
    }
}
