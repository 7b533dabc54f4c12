package io.sftptest.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The BOM users import pins every published module, and only those, to this build's version. */
class BomIT {

    @Test
    void bomPinsEveryPublishedModuleToTheProjectVersionAndHasNoParent() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        Document pom = factory.newDocumentBuilder().parse(PublishedJars.bomPom().toFile());
        Element project = pom.getDocumentElement();

        // with the project's parent, an import would also pin MINA SSHD, Guava, JUnit, ...
        assertEquals(0, project.getElementsByTagName("parent").getLength(), "the bom must have no <parent>");
        assertEquals(PublishedJars.projectVersion(), childText(project, "version"), "bom version");

        List<String> pinned = new ArrayList<>();
        NodeList dependencies = project.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            String classifier = childText(dependency, "classifier");
            pinned.add(childText(dependency, "groupId") + ":" + childText(dependency, "artifactId")
                    + (classifier.isEmpty() ? "" : ":" + classifier) + ":" + childText(dependency, "version"));
        }
        assertEquals(List.of(
                "io.sftptest:sftp-test-server:${project.version}",
                "io.sftptest:sftp-test-server:cli:${project.version}",
                "io.sftptest:sftp-test-server-standalone:${project.version}",
                "io.sftptest:sftp-test-server-assertions:${project.version}",
                "io.sftptest:sftp-test-server-junit:${project.version}"), pinned);
    }

    private static String childText(Element parent, String name) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child && child.getTagName().equals(name)) {
                return child.getTextContent().trim();
            }
        }
        return "";
    }
}
