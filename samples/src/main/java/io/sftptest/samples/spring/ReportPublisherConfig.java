package io.sftptest.samples.spring;

import org.apache.sshd.sftp.client.SftpClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.expression.common.LiteralExpression;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.file.remote.session.SessionFactory;
import org.springframework.integration.sftp.session.DefaultSftpSessionFactory;
import org.springframework.integration.sftp.session.SftpRemoteFileTemplate;

/**
 * Spring configuration of {@link ReportPublisher}: the SFTP connection comes from the properties
 * {@code sftp.host}, {@code sftp.port}, {@code sftp.user} and {@code sftp.password}.
 */
@Configuration
@EnableIntegration
public class ReportPublisherConfig {
    /** Creates the configuration (Spring does). */
    public ReportPublisherConfig() {
    }

    /**
     * The SFTP session factory.
     *
     * @param host the {@code sftp.host} property
     * @param port the {@code sftp.port} property
     * @param user the {@code sftp.user} property
     * @param password the {@code sftp.password} property
     * @return the factory
     */
    @Bean
    public DefaultSftpSessionFactory sftpSessionFactory(@Value("${sftp.host}") String host,
            @Value("${sftp.port}") int port, @Value("${sftp.user}") String user,
            @Value("${sftp.password}") String password) {
        DefaultSftpSessionFactory factory = new DefaultSftpSessionFactory();
        factory.setHost(host);
        factory.setPort(port);
        factory.setUser(user);
        factory.setPassword(password);
        factory.setAllowUnknownKeys(true); // a sample: production code would set known hosts
        return factory;
    }

    /**
     * The template that writes into {@code /out}.
     *
     * @param sessionFactory the session factory
     * @return the template
     */
    @Bean
    public SftpRemoteFileTemplate sftpTemplate(SessionFactory<SftpClient.DirEntry> sessionFactory) {
        SftpRemoteFileTemplate template = new SftpRemoteFileTemplate(sessionFactory);
        template.setRemoteDirectoryExpression(new LiteralExpression("/out"));
        return template;
    }

    /**
     * The publisher.
     *
     * @param sftpTemplate the template
     * @return the publisher
     */
    @Bean
    public ReportPublisher reportPublisher(SftpRemoteFileTemplate sftpTemplate) {
        return new ReportPublisher(sftpTemplate);
    }
}
