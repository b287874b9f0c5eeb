/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.servlet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A WAR-style directory with only what a user writes: {@code WEB-INF/web.xml} and
 * {@code WEB-INF/classes/isoprobe.properties}; isoprobe itself comes from the class path, as
 * from {@code WEB-INF/lib}.
 */
public final class WarFixture {

  /** web.xml declaring isoprobe's filter first, async, for every path, and the test servlets. */
  public static final String WEB_XML = webXml("""
        <filter>
          <filter-name>isoprobe</filter-name>
          <filter-class>dev.isoprobe.servlet.IsoprobeFilter</filter-class>
          <async-supported>true</async-supported>
        </filter>
        <filter-mapping>
          <filter-name>isoprobe</filter-name>
          <url-pattern>/*</url-pattern>
        </filter-mapping>
      """);

  /** web.xml with the test servlets alone, for isoprobe's initializer to add its filter to. */
  public static final String WEB_XML_WITHOUT_FILTER = webXml("");

  private static String webXml(String filter) {
    return """
      <?xml version="1.0" encoding="UTF-8"?>
      <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
      """ + filter + """
        <servlet>
          <servlet-name>hello</servlet-name>
          <servlet-class>dev.isoprobe.servlet.HelloServlet</servlet-class>
        </servlet>
        <servlet-mapping>
          <servlet-name>hello</servlet-name>
          <url-pattern>/hello</url-pattern>
        </servlet-mapping>
        <servlet>
          <servlet-name>admin</servlet-name>
          <servlet-class>dev.isoprobe.servlet.AdminServlet</servlet-class>
        </servlet>
        <servlet-mapping>
          <servlet-name>admin</servlet-name>
          <url-pattern>/admin/*</url-pattern>
        </servlet-mapping>
      </web-app>
      """;
  }

  /** The settings of the drain scenario. */
  public static final String PROPERTIES = """
      isoprobe.check-providers=dev.isoprobe.servlet.HangableDb
      isoprobe.timeout=3s
      isoprobe.shutdown.drain-delay=2s
      isoprobe.shutdown.timeout=1s
      """;

  private WarFixture() {}

  /** Writes the directory under {@code root}. */
  public static Path write(Path root, String webXml, String properties) throws IOException {
    Path war = root.resolve("war");
    Path classes = Files.createDirectories(war.resolve("WEB-INF/classes"));
    Files.writeString(war.resolve("WEB-INF/web.xml"), webXml);
    Files.writeString(classes.resolve("isoprobe.properties"), properties);
    return war;
  }
}
