import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Checks the bundle that the release profile makes for Maven Central: exactly the BOM, the parent
 * and the eight libraries of groupId dev.isoprobe at one release version; for each its POM, and for
 * a library its jar, sources jar and Javadoc jar; for each of those files a signature that verifies
 * (gpg, with GNUPGHOME's keyring) and MD5, SHA-1, SHA-256 and SHA-512 checksums that match; every
 * POM with the metadata Central requires; the libraries' POMs flattened (no parent, no imported
 * BOM, every dependency's version written out); no SNAPSHOT, no test-jar, no other file.
 *
 * <p>Usage: {@code java CheckBundle.java --version 0.1.0 [--self-test] bundle.zip}. Prints the
 * bundle's files and exits 0, or prints every problem found and exits 1. With --self-test, it
 * checks the bundle, then breaks copies of it one way at a time and exits 0 only if the check
 * rejects each copy for the reason it was broken.
 */
public final class CheckBundle {

  static final String GROUP = "dev/isoprobe";
  static final List<String> POM_ONLY = List.of("isoprobe-parent", "isoprobe-bom");
  static final List<String> LIBRARIES = List.of("isoprobe-probe-filter",
      "isoprobe-graceful-shutdown", "isoprobe-servlet", "isoprobe-tomcat", "isoprobe-jetty",
      "isoprobe-spring-boot-starter", "isoprobe-grpc", "isoprobe-checks");
  static final Map<String, String> CHECKSUMS =
      Map.of("md5", "MD5", "sha1", "SHA-1", "sha256", "SHA-256", "sha512", "SHA-512");

  public static void main(String[] args) throws Exception {
    String version = null;
    boolean selfTest = false;
    Path bundle = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--version" -> version = args[++i];
        case "--self-test" -> selfTest = true;
        default -> bundle = Path.of(args[i]);
      }
    }
    if (version == null || bundle == null) {
      System.err.println("usage: java CheckBundle.java --version <version> [--self-test] <zip>");
      System.exit(2);
    }
    Map<String, byte[]> files = read(Files.readAllBytes(bundle));
    if (selfTest) {
      System.exit(selfTest(files, version) ? 0 : 1);
    }
    List<String> problems = check(files, version);
    System.out.println("Bundle " + bundle + ": " + files.size() + " files");
    files.forEach((name, bytes) -> System.out.printf("  %9d  %s%n", bytes.length, name));
    if (!problems.isEmpty()) {
      System.err.println("check-bundle: " + problems.size() + " problem(s) in " + bundle + ":");
      problems.forEach(problem -> System.err.println("  - " + problem));
      System.exit(1);
    }
    System.out.println("check-bundle: OK: " + (POM_ONLY.size() + LIBRARIES.size())
        + " artifacts of dev.isoprobe " + version + ", signed, with checksums, nothing else");
  }

  /** Every problem of the bundle {@code files} (name to content); none if it is right. */
  static List<String> check(Map<String, byte[]> files, String version) throws Exception {
    List<String> problems = new ArrayList<>();
    if (version.endsWith("-SNAPSHOT")) {
      problems.add("version " + version + " is a SNAPSHOT: Central takes releases only");
    }
    Set<String> expected = expectedFiles(version);
    for (String name : files.keySet()) {
      if (name.endsWith("/")) {
        continue;
      }
      if (name.matches(".*-tests?\\.jar(\\..*)?$") || name.contains("-test-sources")) {
        problems.add("a test-jar is in the bundle: " + name);
      } else if (!expected.contains(name)) {
        problems.add("unexpected file in the bundle: " + name);
      }
    }
    for (String name : expected) {
      if (!files.containsKey(name)) {
        problems.add("missing from the bundle: " + name);
      }
    }
    for (String primary : primaryFiles(version)) {
      byte[] content = files.get(primary);
      if (content == null) {
        continue;
      }
      checkChecksums(files, primary, problems);
      checkSignature(files, primary, problems);
      if (primary.endsWith(".pom")) {
        checkPom(primary, content, version, problems);
      } else {
        checkJar(primary, content, problems);
      }
    }
    return problems;
  }

  /** The artifacts' own files: each POM, jar, sources jar and Javadoc jar. */
  static List<String> primaryFiles(String version) {
    List<String> primaries = new ArrayList<>();
    for (String artifact : POM_ONLY) {
      primaries.add(base(artifact, version) + ".pom");
    }
    for (String artifact : LIBRARIES) {
      String base = base(artifact, version);
      primaries.addAll(List.of(base + ".pom", base + ".jar", base + "-sources.jar",
          base + "-javadoc.jar"));
    }
    return primaries;
  }

  /** Each primary file, its signature and its checksums (Central wants none of a signature). */
  static Set<String> expectedFiles(String version) {
    Set<String> expected = new TreeSet<>();
    for (String primary : primaryFiles(version)) {
      expected.add(primary);
      expected.add(primary + ".asc");
      for (String extension : CHECKSUMS.keySet()) {
        expected.add(primary + "." + extension);
      }
    }
    return expected;
  }

  static String base(String artifact, String version) {
    return GROUP + "/" + artifact + "/" + version + "/" + artifact + "-" + version;
  }

  static void checkChecksums(Map<String, byte[]> files, String primary, List<String> problems)
      throws NoSuchAlgorithmException {
    byte[] content = files.get(primary);
    for (Map.Entry<String, String> checksum : CHECKSUMS.entrySet()) {
      byte[] recorded = files.get(primary + "." + checksum.getKey());
      if (recorded == null) {
        continue;
      }
      String actual = HexFormat.of().formatHex(
          MessageDigest.getInstance(checksum.getValue()).digest(content));
      String written = new String(recorded, StandardCharsets.US_ASCII).trim().split("\\s+")[0];
      if (!written.equalsIgnoreCase(actual)) {
        problems.add("checksum mismatch: " + primary + "." + checksum.getKey() + " says "
            + written + ", the file's " + checksum.getValue() + " is " + actual);
      }
    }
  }

  static void checkSignature(Map<String, byte[]> files, String primary, List<String> problems)
      throws IOException, InterruptedException {
    byte[] signature = files.get(primary + ".asc");
    if (signature == null) {
      return;
    }
    Path scratch = Files.createTempDirectory("check-bundle");
    try {
      Path data = Files.write(scratch.resolve("data"), files.get(primary));
      Path asc = Files.write(scratch.resolve("data.asc"), signature);
      Process gpg = new ProcessBuilder("gpg", "--batch", "--status-fd", "1", "--verify",
          asc.toString(), data.toString()).redirectErrorStream(true).start();
      String output = new String(gpg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!gpg.waitFor(60, TimeUnit.SECONDS)) {
        gpg.destroyForcibly();
        problems.add("gpg did not verify " + primary + ".asc within 60 s");
      } else if (gpg.exitValue() != 0 || !output.contains("[GNUPG:] GOODSIG")) {
        problems.add("bad signature: " + primary + ".asc does not verify " + primary + ": "
            + output.lines().filter(line -> line.startsWith("gpg:")).toList());
      }
    } finally {
      try (var paths = Files.list(scratch)) {
        for (Path path : paths.toList()) {
          Files.delete(path);
        }
      }
      Files.delete(scratch);
    }
  }

  static void checkPom(String name, byte[] content, String version, List<String> problems)
      throws Exception {
    String text = new String(content, StandardCharsets.UTF_8);
    if (text.contains("SNAPSHOT")) {
      problems.add("SNAPSHOT named in " + name);
    }
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Element project = factory.newDocumentBuilder()
        .parse(new ByteArrayInputStream(content)).getDocumentElement();
    String artifact = name.split("/")[2];
    Map<String, String> required = new LinkedHashMap<>();
    required.put("groupId", "dev.isoprobe");
    required.put("artifactId", artifact);
    required.put("version", version);
    required.forEach((element, value) -> {
      String actual = text(project, element);
      if (!value.equals(actual)) {
        problems.add(name + ": <" + element + "> is '" + actual + "', not '" + value + "'");
      }
    });
    for (String path : List.of("name", "description", "url", "licenses/license/name",
        "licenses/license/url", "developers/developer/name", "scm/url", "scm/connection",
        "scm/developerConnection")) {
      if (text(project, path).isBlank()) {
        problems.add(name + ": no <" + path.replace("/", "><") + "> (Central requires it)");
      }
    }
    if (LIBRARIES.contains(artifact)) {
      checkFlattened(name, project, text, version, problems);
    } else if (artifact.equals("isoprobe-bom")) {
      checkBom(name, project, version, problems);
    }
  }

  /** A library's POM names what a consumer gets: no parent, no imports, versions written out. */
  static void checkFlattened(String name, Element project, String text, String version,
      List<String> problems) {
    if (!"jar".equals(text(project, "packaging")) && !text(project, "packaging").isEmpty()) {
      problems.add(name + ": packaging " + text(project, "packaging") + ", not jar");
    }
    if (child(project, "parent") != null) {
      problems.add(name + ": not flattened: it names a <parent>");
    }
    if (child(project, "dependencyManagement") != null) {
      problems.add(name + ": not flattened: it has a <dependencyManagement>");
    }
    if (text.contains("${")) {
      problems.add(name + ": an unresolved ${...} expression is left in it");
    }
    Element dependencies = child(project, "dependencies");
    if (dependencies == null) {
      return;
    }
    for (Element dependency : children(dependencies, "dependency")) {
      String coordinates = text(dependency, "groupId") + ":" + text(dependency, "artifactId");
      if (text(dependency, "version").isBlank()) {
        problems.add(name + ": dependency " + coordinates + " has no version");
      }
      if (text(dependency, "groupId").equals("dev.isoprobe")
          && !text(dependency, "version").equals(version)) {
        problems.add(name + ": dependency " + coordinates + " at "
            + text(dependency, "version") + ", not the release's " + version);
      }
      if (text(dependency, "artifactId").contains("test-support")
          || text(dependency, "scope").equals("test")) {
        problems.add(name + ": test dependency " + coordinates + " is published");
      }
    }
  }

  /** The BOM manages exactly the eight libraries, at the release version. */
  static void checkBom(String name, Element project, String version, List<String> problems) {
    Element management = child(project, "dependencyManagement");
    Element dependencies = management == null ? null : child(management, "dependencies");
    Map<String, String> managed = new TreeMap<>();
    if (dependencies != null) {
      for (Element dependency : children(dependencies, "dependency")) {
        managed.put(text(dependency, "artifactId"),
            text(dependency, "version").replace("${project.version}", version));
      }
    }
    Map<String, String> expected = new TreeMap<>();
    LIBRARIES.forEach(library -> expected.put(library, version));
    if (!managed.equals(expected)) {
      problems.add(name + ": manages " + managed + ", not " + expected);
    }
  }

  static void checkJar(String name, byte[] content, List<String> problems) throws IOException {
    Set<String> entries = read(content).keySet();
    String wanted = name.endsWith("-sources.jar") ? ".java"
        : name.endsWith("-javadoc.jar") ? "index.html" : ".class";
    if (entries.stream().noneMatch(entry -> entry.endsWith(wanted))) {
      problems.add(name + ": no " + wanted + " file in it");
    }
    if (!name.endsWith("-javadoc.jar")
        && entries.stream().anyMatch(entry -> entry.matches("dev/isoprobe/(.*/)?Test[A-Z].*"))) {
      problems.add(name + ": test support classes in a published jar");
    }
  }

  // ---- self-test: broken copies of a good bundle, each rejected for its reason ----

  static boolean selfTest(Map<String, byte[]> good, String version) throws Exception {
    List<String> problems = check(good, version);
    if (!problems.isEmpty()) {
      System.err.println("check-bundle self-test: the bundle itself fails: " + problems);
      return false;
    }
    String pom = base("isoprobe-jetty", version) + ".pom";
    String jar = base("isoprobe-servlet", version) + ".jar";
    Map<String, UnaryOperator<Map<String, byte[]>>> breakages = new LinkedHashMap<>();
    Map<String, String> reasons = new LinkedHashMap<>();
    breakages.put("a checksum file removed", files -> without(files, jar + ".sha1"));
    reasons.put("a checksum file removed", "missing from the bundle: " + jar + ".sha1");
    breakages.put("a test-jar added", files -> with(files,
        base("isoprobe-probe-filter", version) + "-tests.jar", files.get(jar)));
    reasons.put("a test-jar added", "a test-jar is in the bundle");
    breakages.put("an example's POM added", files -> with(files,
        base("isoprobe-example-jetty-app", version) + ".pom", files.get(pom)));
    reasons.put("an example's POM added", "unexpected file in the bundle");
    breakages.put("a jar changed after signing", files -> with(files, jar, append(files.get(jar))));
    reasons.put("a jar changed after signing", "bad signature: " + jar + ".asc");
    breakages.put("a checksum that does not match", files -> with(files, jar + ".md5",
        "00000000000000000000000000000000".getBytes(StandardCharsets.US_ASCII)));
    reasons.put("a checksum that does not match", "checksum mismatch: " + jar + ".md5");
    breakages.put("a POM without <scm>", files -> with(files, pom,
        replace(files.get(pom), "(?s)<scm[ >].*</scm>", "")));
    reasons.put("a POM without <scm>", pom + ": no <scm><url>");
    breakages.put("a POM with a parent", files -> with(files, pom, replace(files.get(pom),
        "<artifactId>isoprobe-jetty</artifactId>", "<parent><groupId>dev.isoprobe</groupId>"
            + "<artifactId>isoprobe-parent</artifactId><version>" + version + "</version>"
            + "</parent><artifactId>isoprobe-jetty</artifactId>")));
    reasons.put("a POM with a parent", pom + ": not flattened: it names a <parent>");
    breakages.put("a SNAPSHOT dependency", files -> with(files, pom,
        replace(files.get(pom), "<version>" + version.replace(".", "\\.") + "</version>",
            "<version>" + version + "-SNAPSHOT</version>")));
    reasons.put("a SNAPSHOT dependency", "SNAPSHOT named in " + pom);
    boolean passed = true;
    for (Map.Entry<String, UnaryOperator<Map<String, byte[]>>> breakage : breakages.entrySet()) {
      List<String> found = check(breakage.getValue().apply(good), version);
      String reason = reasons.get(breakage.getKey());
      boolean rejected = found.stream().anyMatch(problem -> problem.startsWith(reason));
      System.out.println("check-bundle self-test: " + breakage.getKey() + ": " + (rejected
          ? "rejected, as it should be" : "NOT rejected for '" + reason + "': " + found));
      passed &= rejected;
    }
    System.out.println("check-bundle self-test: " + (passed ? "passed" : "FAILED"));
    return passed;
  }

  static Map<String, byte[]> without(Map<String, byte[]> files, String name) {
    Map<String, byte[]> copy = new TreeMap<>(files);
    copy.remove(name);
    return copy;
  }

  static Map<String, byte[]> with(Map<String, byte[]> files, String name, byte[] content) {
    Map<String, byte[]> copy = new TreeMap<>(files);
    copy.put(name, content);
    return copy;
  }

  static byte[] append(byte[] content) {
    byte[] longer = java.util.Arrays.copyOf(content, content.length + 1);
    longer[content.length] = 0;
    return longer;
  }

  static byte[] replace(byte[] content, String regex, String replacement) {
    String text = new String(content, StandardCharsets.UTF_8);
    String replaced = text.replaceFirst(regex, replacement);
    if (replaced.equals(text)) {
      throw new IllegalStateException("self-test: '" + regex + "' not found to break");
    }
    return replaced.getBytes(StandardCharsets.UTF_8);
  }

  // ---- zip and XML helpers ----

  static Map<String, byte[]> read(byte[] zip) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        if (!entry.isDirectory()) {
          files.put(entry.getName(), in.readAllBytes());
        }
      }
    }
    return files;
  }

  static Element child(Element parent, String name) {
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && element.getTagName().equals(name)) {
        return element;
      }
    }
    return null;
  }

  static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i) instanceof Element element && element.getTagName().equals(name)) {
        found.add(element);
      }
    }
    return found;
  }

  /** The text at a slash-separated path of child elements, or "" if there is none. */
  static String text(Element from, String path) {
    Element element = from;
    for (String step : path.split("/")) {
      element = element == null ? null : child(element, step);
    }
    return element == null ? "" : element.getTextContent().trim();
  }
}
