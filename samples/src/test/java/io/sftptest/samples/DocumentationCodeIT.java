package io.sftptest.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sftptest.server.SftpTestServer;

/**
 * Keeps the Java in README.md and docs/*.md true: every {@code ```java} block says in an HTML comment on the
 * line before it how it is checked, and this test checks it (the convention is in docs/SAMPLES.md, "How the
 * documentation's code is checked"):
 *
 * <ul>
 *   <li>{@code <!-- sample: TAG -->}: the block is the region {@code // tag::TAG[]} ... {@code // end::TAG[]} of a
 *       file under {@code samples/src}, line for line (indentation removed); it may end with {@code // ...} and
 *       the {@code }} lines that close what the region leaves open;</li>
 *   <li>{@code <!-- compile: KIND -->} or {@code <!-- compile: KIND (Type name, ...) -->}: compiled against the
 *       samples' test class path, with the imports of {@link #IMPORTS}; KIND {@code statements} (a method body
 *       whose parameters are the declarations in parentheses), {@code members} (a class body), {@code class} (a
 *       compilation unit) or {@code module-info} (against the published jars as modules);</li>
 *   <li>{@code <!-- run: statements -->} or {@code <!-- run: statements (SftpTestServer server) -->}: compiled,
 *       then run; {@code server} is a running server with user {@code alice}/{@code secret}, closed after.</li>
 * </ul>
 *
 * The Javadoc example of {@code @SftpServerTest} is compiled as a class too. An integration test because
 * {@code module-info} blocks need the packaged jars.
 */
class DocumentationCodeIT {
    /** What a compiled block may use without importing it, as a test of this project would import it. */
    static final String IMPORTS = """
            import java.io.*;
            import java.lang.annotation.*;
            import java.net.URI;
            import java.nio.charset.StandardCharsets;
            import java.nio.file.*;
            import java.security.PublicKey;
            import java.time.*;
            import java.util.*;
            import io.sftptest.assertj.*;
            import io.sftptest.junit.*;
            import io.sftptest.junit.testcontainers.*;
            import io.sftptest.server.*;
            import io.sftptest.server.event.*;
            import io.sftptest.samples.jsch.ReportUploader;
            import org.junit.jupiter.api.*;
            import org.junit.jupiter.api.extension.RegisterExtension;
            import org.junit.jupiter.params.ParameterizedTest;
            import org.testcontainers.containers.GenericContainer;
            import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
            import org.testcontainers.junit.jupiter.Container;
            import org.testcontainers.junit.jupiter.Testcontainers;
            import static io.sftptest.assertj.SftpAssertions.assertThat;
            import static io.sftptest.server.SftpOperation.*;
            import static java.nio.charset.StandardCharsets.UTF_8;
            import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
            import static org.junit.jupiter.api.Assertions.*;
            """;
    private static final Pattern FENCE = Pattern.compile("^```java\\s*$");
    private static final Pattern MARKER = Pattern.compile(
            "^<!-- (sample|compile|run): ([\\w-]+)(?: \\(([^)]*)\\))? -->$");
    private static final Pattern TAG = Pattern.compile("//\\s*(tag|end)::([\\w-]+)\\[\\]");
    private static final Pattern CLOSER = Pattern.compile("^\\s*(}|// \\.\\.\\.)\\s*$");
    private static final Pattern TYPE_NAME = Pattern.compile(
            "^(?:public\\s+|final\\s+|abstract\\s+)*(?:class|interface|@interface|record|enum)\\s+(\\w+)",
            Pattern.MULTILINE);

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    /** Where {@code <!-- sample: TAG -->} regions are looked for. */
    private static final List<String> SOURCE_TREES = List.of("samples/src", "client-matrix");
    /** Entry points whose Javadoc example (the first {@code <pre>{@code ...}</pre>}, a class) is compiled too. */
    private static final List<String> JAVADOC_EXAMPLES = List.of(
            "junit-extension/src/main/java/io/sftptest/junit/SftpServerTest.java");

    /** One ```java block: where it is, how it is checked, its lines. */
    record Block(String file, int line, String how, String kind, String parameters, List<String> lines) {
        String where() {
            return file + ":" + line;
        }

        String text() {
            return String.join("\n", lines) + "\n";
        }
    }

    @Test
    void everyJavaBlockOfTheDocumentationIsCheckedAndPasses(@TempDir Path work) throws Exception {
        assertThat(blocks(ROOT)).as("Java blocks found in README.md and docs/*.md").hasSizeGreaterThan(20);

        List<String> problems = check(ROOT, work);

        if (!problems.isEmpty()) {
            fail(problems.size() + " Java block(s) of the documentation fail their check:\n"
                    + String.join("\n", problems));
        }
    }

    @Test
    void reportsABlockWithoutAMarkerAChangedQuoteACompileErrorAndAThrowingRun(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(Files.createDirectories(root.resolve("samples/src")).resolve("Sample.java"), """
                class Sample {
                    // tag::greeting[]
                    String greeting() {
                        return "hello";
                    }
                    // end::greeting[]
                }
                """);
        Files.writeString(root.resolve("README.md"), """
                ```java
                int unmarked = 1;
                ```
                <!-- sample: greeting -->
                ```java
                String greeting() {
                    return "hi";
                }
                ```
                <!-- compile: statements -->
                ```java
                server.start();
                ```
                <!-- run: statements (SftpTestServer server) -->
                ```java
                server.config("NoSuchSetting=1");
                ```
                """);

        List<String> problems = check(root, root.resolve("work"));

        assertThat(problems).hasSize(4);
        assertThat(problems.get(0)).startsWith("README.md:2: no marker on the line before the block");
        assertThat(problems.get(1)).isEqualTo("README.md:6: differs from the sample region greeting at its line 2:\n"
                + "  README has:     return \"hi\";\n  sample has:     return \"hello\";");
        assertThat(problems.get(2)).startsWith("README.md:12: does not compile: cannot find symbol");
        assertThat(problems.get(3)).isEqualTo("(the run blocks did not run: the blocks above must compile first)");
        Files.writeString(root.resolve("README.md"), Files.readString(root.resolve("README.md"))
                .replace("server.start();", "int fine = 1;")
                .replace("```java\nint unmarked", "<!-- compile: statements -->\n```java\nint unmarked")
                .replace("return \"hi\"", "return \"hello\""));
        assertThat(check(root, root.resolve("work2"))).singleElement().asString()
                .startsWith("README.md:17: throws java.lang.IllegalArgumentException").contains("NoSuchSetting");
    }

    /** Checks every block of the documentation under a root; returns the problems, each naming file and line. */
    static List<String> check(Path root, Path work) throws Exception {
        List<String> problems = new ArrayList<>();
        Map<String, List<String>> regions = regions(root);
        List<Block> compiled = new ArrayList<>();
        for (Block block : blocks(root)) {
            switch (block.how()) {
                case "none" -> problems.add(block.where() + ": no marker on the line before the block (see"
                        + " docs/SAMPLES.md): <!-- sample: TAG -->, <!-- compile: KIND --> or"
                        + " <!-- run: statements -->");
                case "sample" -> checkQuote(block, regions, problems);
                default -> compiled.add(block);
            }
        }
        int before = problems.size();
        compile(compiled, work, problems);
        if (problems.size() == before) { // javac writes no classes when a source fails
            run(compiled, work.resolve("classes"), problems);
        } else if (compiled.stream().anyMatch(b -> b.how().equals("run"))) {
            problems.add("(the run blocks did not run: the blocks above must compile first)");
        }
        return problems;
    }

    /** Every ```java block of README.md and docs/*.md, with the marker on the line before it. */
    static List<Block> blocks(Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        List<Block> blocks = new ArrayList<>();
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (!FENCE.matcher(lines.get(i)).matches()) {
                    continue;
                }
                int end = i + 1;
                while (end < lines.size() && !lines.get(end).startsWith("```")) {
                    end++;
                }
                Matcher marker = MARKER.matcher(i > 0 ? lines.get(i - 1) : "");
                String name = root.relativize(file).toString();
                List<String> body = List.copyOf(lines.subList(i + 1, end));
                blocks.add(marker.matches()
                        ? new Block(name, i + 2, marker.group(1), marker.group(2),
                                marker.group(3) == null ? "" : marker.group(3), body)
                        : new Block(name, i + 2, "none", "", "", body));
                i = end;
            }
        }
        for (String source : JAVADOC_EXAMPLES) {
            Path file = root.resolve(source);
            if (!Files.exists(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            int start = lines.indexOf(" * <pre>{@code");
            int end = lines.indexOf(" * }</pre>");
            if (start >= 0 && end > start) {
                blocks.add(new Block(source, start + 2, "compile", "class", "", lines.subList(start + 1, end).stream()
                        .map(l -> l.length() > 3 ? l.substring(3) : "").toList()));
            }
        }
        return blocks;
    }

    /**
     * The tagged regions of the samples' sources and of the client matrix (whose migration tests run with
     * com.jcraft:jsch 0.1.55, which cannot share the samples' class path), indentation removed, nested tag lines
     * left out.
     */
    static Map<String, List<String>> regions(Path root) throws IOException {
        Map<String, List<String>> regions = new HashMap<>();
        List<Path> sources = new ArrayList<>();
        for (String tree : SOURCE_TREES) {
            if (Files.isDirectory(root.resolve(tree))) {
                try (Stream<Path> walk = Files.walk(root.resolve(tree))) {
                    walk.filter(p -> p.toString().endsWith(".java")).forEach(sources::add);
                }
            }
        }
        for (Path source : sources) {
            List<String> lines = Files.readAllLines(source);
            Map<String, List<String>> open = new HashMap<>();
            for (String line : lines) {
                Matcher tag = TAG.matcher(line);
                if (tag.find()) {
                    if (tag.group(1).equals("tag")) {
                        open.put(tag.group(2), new ArrayList<>());
                    } else if (open.containsKey(tag.group(2))) {
                        regions.put(tag.group(2), dedent(open.remove(tag.group(2))));
                    }
                    continue;
                }
                open.values().forEach(region -> region.add(line));
            }
        }
        return regions;
    }

    private static List<String> dedent(List<String> lines) {
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList();
    }

    private static void checkQuote(Block block, Map<String, List<String>> regions, List<String> problems) {
        List<String> region = regions.get(block.kind());
        if (region == null) {
            problems.add(block.where() + ": no region // tag::" + block.kind() + "[] in " + String.join(" or ",
                    SOURCE_TREES));
            return;
        }
        List<String> quoted = dedent(block.lines());
        int open = 0;
        for (String line : region) {
            open += count(line, '{') - count(line, '}');
        }
        int same = 0;
        while (same < quoted.size() && same < region.size() && quoted.get(same).equals(region.get(same))) {
            same++;
        }
        List<String> tail = quoted.subList(same, quoted.size());
        int closed = tail.stream().mapToInt(l -> count(l, '}')).sum();
        boolean closersOnly = tail.stream().allMatch(l -> CLOSER.matcher(l).matches());
        if (same == region.size() && closersOnly && (tail.isEmpty() || closed == open)) {
            return;
        }
        String expected = same < region.size() ? region.get(same) : "(the region's end, then only // ... and }"
                + " closing its " + open + " open brace(s))";
        problems.add(block.where() + ": differs from the sample region " + block.kind() + " at its line "
                + (same + 1) + ":\n  README has: " + (same < quoted.size() ? quoted.get(same) : "(nothing)")
                + "\n  sample has: " + expected);
    }

    private static int count(String line, char c) {
        return (int) line.chars().filter(ch -> ch == c).count();
    }

    /** Where a block's first line lands in its generated source, to map compiler lines back. */
    private record Source(Block block, Path file, int firstLine) {
    }

    private static void compile(List<Block> blocks, Path work, List<String> problems) throws IOException {
        List<Source> sources = new ArrayList<>();
        List<Block> modules = new ArrayList<>();
        for (Block block : blocks) {
            String pkg = packageOf(block);
            String header = "package " + pkg + ";\n" + IMPORTS;
            int headerLines = header.split("\n", -1).length - 1;
            String source;
            String className = "Snippet";
            int first;
            switch (block.kind()) {
                case "statements" -> {
                    source = header + "class Snippet {\n    static void run(" + block.parameters()
                            + ") throws Exception {\n" + block.text() + "    }\n}\n";
                    first = headerLines + 3;
                }
                case "members" -> {
                    source = header + "class Snippet {\n" + block.text() + "}\n";
                    first = headerLines + 2;
                }
                case "class" -> {
                    Matcher type = TYPE_NAME.matcher(block.text());
                    if (!type.find()) {
                        problems.add(block.where() + ": a class block must declare a top-level type");
                        continue;
                    }
                    className = type.group(1);
                    source = header + block.text();
                    first = headerLines + 1;
                }
                case "module-info" -> {
                    modules.add(block);
                    continue;
                }
                default -> {
                    problems.add(block.where() + ": unknown kind \"" + block.kind()
                            + "\": use statements, members, class or module-info");
                    continue;
                }
            }
            if (block.how().equals("run") && !block.kind().equals("statements")) {
                problems.add(block.where() + ": only statements can be run");
            }
            if (block.how().equals("run") && !block.parameters().isBlank()
                    && !block.parameters().matches("SftpTestServer \\w+(, SftpTestServer \\w+)*")) {
                problems.add(block.where() + ": a run block is given running servers only: (SftpTestServer server)");
            }
            Path file = work.resolve("src").resolve(pkg.replace('.', '/')).resolve(className + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source);
            sources.add(new Source(block, file, first));
        }
        javac(sources, List.of("-classpath", System.getProperty("java.class.path")), work.resolve("classes"),
                problems);
        for (Block module : modules) {
            Path dir = work.resolve(packageOf(module));
            Path file = Files.createDirectories(dir.resolve("src")).resolve("module-info.java");
            Files.writeString(file, module.text());
            String modulePath = String.join(File.pathSeparator, PublishedJars.core().toString(),
                    PublishedJars.assertions().toString(), PublishedJars.junit().toString());
            javac(List.of(new Source(module, file, 1)), List.of("--module-path", modulePath),
                    dir.resolve("classes"), problems);
        }
    }

    private static void javac(List<Source> sources, List<String> options, Path classes, List<String> problems)
            throws IOException {
        if (sources.isEmpty()) {
            return;
        }
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
            List<String> all = new ArrayList<>(options);
            all.addAll(List.of("-d", classes.toString(), "-proc:none", "-Xlint:none", "-nowarn"));
            StringWriter output = new StringWriter();
            javac.getTask(output, files, diagnostics, all, null,
                    files.getJavaFileObjectsFromPaths(sources.stream().map(Source::file).toList())).call();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() != Diagnostic.Kind.ERROR) {
                    continue;
                }
                Source source = sources.stream().filter(s -> d.getSource() != null
                        && Path.of(d.getSource().toUri()).equals(s.file())).findFirst().orElse(null);
                String where = source == null ? "(generated code)"
                        : source.block().file() + ":" + (source.block().line() + d.getLineNumber()
                                - source.firstLine());
                problems.add(where + ": does not compile: " + d.getMessage(Locale.ROOT));
            }
        }
    }

    private static void run(List<Block> blocks, Path classes, List<String> problems) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                DocumentationCodeIT.class.getClassLoader())) {
            for (Block block : blocks) {
                if (!block.how().equals("run")) {
                    continue;
                }
                int servers = block.parameters().isBlank() ? 0 : block.parameters().split(",").length;
                Class<?>[] types = new Class<?>[servers];
                Arrays.fill(types, SftpTestServer.class);
                Method snippet = loader.loadClass(packageOf(block) + ".Snippet").getDeclaredMethod("run", types);
                snippet.setAccessible(true);
                List<AutoCloseable> opened = new ArrayList<>();
                try {
                    Object[] arguments = new Object[snippet.getParameterCount()];
                    for (int i = 0; i < arguments.length; i++) {
                        SftpTestServer server = SftpTestServer.builder().user("alice", "secret").start();
                        opened.add(server);
                        arguments[i] = server;
                    }
                    snippet.invoke(null, arguments);
                } catch (InvocationTargetException thrown) {
                    problems.add(block.where() + ": throws " + thrown.getCause());
                } finally {
                    for (AutoCloseable resource : opened) {
                        resource.close();
                    }
                }
            }
        }
    }

    /** A package per block, so that blocks declaring the same names do not clash. */
    private static String packageOf(Block block) {
        return "docs." + block.file().replaceAll("[^A-Za-z0-9]", "_").toLowerCase(Locale.ROOT) + "_l" + block.line();
    }
}
