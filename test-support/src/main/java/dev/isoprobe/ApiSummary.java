/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The public API of one library module, as the lines of its checked-in {@code api.txt}: every
 * public type of the packages its {@code module-info} exports, and each one's public and
 * protected members. A test fails when the build's API and the file part ways, so that no type
 * or method becomes public, or stops being, without a reviewed change to the file.
 *
 * <p>A line of the file whose first character but blanks is {@code #} says why the line after it
 * is public (one that looks like a test's or another module's need, not a user's), and is not
 * compared; the summary the build writes keeps each reason above its line, so that copying it
 * over the file keeps them.
 */
public final class ApiSummary {

  private ApiSummary() {}

  /** Asserts that the module built into {@code target/classes} has the API {@code api.txt} lists. */
  public static void assertMatchesCheckedInSummary() throws IOException {
    List<String> actual = of(Path.of("target/classes"));
    Path expected = Path.of("api.txt");
    List<String> checkedIn = Files.exists(expected) ? Files.readAllLines(expected) : List.of();
    Files.write(Path.of("target/api.txt"), withReasons(actual, checkedIn), StandardCharsets.UTF_8);
    assertThat(actual)
        .as("the public API changed: review target/api.txt and, if meant, copy it to api.txt")
        .containsExactlyElementsOf(checkedIn.stream().filter(line -> !isReason(line)).toList());
  }

  /**
   * Returns {@code summary} with the reasons {@code checkedIn} gives put back above the lines they
   * are given for; a reason whose line is gone goes with it.
   */
  static List<String> withReasons(List<String> summary, List<String> checkedIn) {
    Map<String, List<String>> reasons = new HashMap<>();
    List<String> pending = new ArrayList<>();
    String type = "";
    for (String line : checkedIn) {
      if (isReason(line)) {
        pending.add(line);
        continue;
      }
      type = isMember(line) ? type : typeOf(line);
      if (!pending.isEmpty()) {
        reasons.put(type + "\n" + line, pending);
        pending = new ArrayList<>();
      }
    }
    List<String> lines = new ArrayList<>();
    type = "";
    for (String line : summary) {
      type = isMember(line) ? type : typeOf(line);
      lines.addAll(reasons.getOrDefault(type + "\n" + line, List.of()));
      lines.add(line);
    }
    return lines;
  }

  private static boolean isReason(String line) {
    return line.stripLeading().startsWith("#");
  }

  /** A type's line without its supertypes: a reason stays with its member when they change. */
  private static String typeOf(String line) {
    int supertypes = line.indexOf(" : ");
    return supertypes < 0 ? line : line.substring(0, supertypes);
  }

  /** A member's line is indented under its type's; one member's may repeat in other types. */
  private static boolean isMember(String line) {
    return line.startsWith(" ");
  }

  /** Returns the summary lines of the module compiled into {@code classes}. */
  static List<String> of(Path classes) throws IOException {
    ModuleDescriptor module;
    try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
      module = ModuleDescriptor.read(in);
    }
    List<String> lines = new ArrayList<>();
    lines.add("module " + module.name());
    for (ModuleDescriptor.Exports exports : new TreeSet<>(module.exports())) {
      // Sorted: a module descriptor's set of targets iterates in an order that varies by run.
      lines.add("exports " + exports.source()
          + (exports.isQualified() ? " to " + new TreeSet<>(exports.targets()) : ""));
    }
    for (String type : publicTypes(classes, module)) {
      lines.addAll(describe(type));
    }
    return lines;
  }

  private static List<String> publicTypes(Path classes, ModuleDescriptor module) throws IOException {
    List<String> types = new ArrayList<>();
    for (ModuleDescriptor.Exports exports : module.exports()) {
      Path dir = classes.resolve(exports.source().replace('.', '/'));
      try (Stream<Path> files = Files.list(dir)) {
        files.map(file -> file.getFileName().toString())
            .filter(name -> name.endsWith(".class") && !name.equals("package-info.class"))
            .map(name -> exports.source() + "." + name.substring(0, name.length() - 6))
            .forEach(types::add);
      }
    }
    return types.stream().filter(ApiSummary::isPublic).sorted().toList();
  }

  private static boolean isPublic(String name) {
    try {
      Class<?> type = Class.forName(name, false, ApiSummary.class.getClassLoader());
      for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
        if (!Modifier.isPublic(t.getModifiers()) || t.isAnonymousClass()) {
          return false;
        }
      }
      return true;
    } catch (ClassNotFoundException | LinkageError optional) {
      return false;
    }
  }

  private static List<String> describe(String name) {
    Class<?> type;
    try {
      type = Class.forName(name, false, ApiSummary.class.getClassLoader());
    } catch (ClassNotFoundException impossible) {
      throw new IllegalStateException(impossible);
    }
    List<String> lines = new ArrayList<>();
    lines.add(kind(type) + " " + type.getName().replace('$', '.') + supertypes(type));
    TreeSet<String> members = new TreeSet<>();
    for (Field field : type.getDeclaredFields()) {
      if (visible(field.getModifiers()) && !field.isSynthetic()) {
        members.add("  field " + modifiers(field.getModifiers()) + field.getGenericType().getTypeName()
            + " " + field.getName());
      }
    }
    for (Constructor<?> constructor : type.getDeclaredConstructors()) {
      if (visible(constructor.getModifiers()) && !constructor.isSynthetic()) {
        members.add("  new " + parameters(constructor));
      }
    }
    for (Method method : type.getDeclaredMethods()) {
      if (visible(method.getModifiers()) && !method.isSynthetic() && !method.isBridge()) {
        members.add("  " + modifiers(method.getModifiers()) + method.getGenericReturnType().getTypeName()
            + " " + method.getName() + parameters(method));
      }
    }
    lines.addAll(members);
    return lines;
  }

  private static String kind(Class<?> type) {
    if (type.isAnnotation()) {
      return "@interface";
    }
    if (type.isInterface()) {
      return "interface";
    }
    if (type.isEnum()) {
      return "enum";
    }
    return type.isRecord() ? "record" : "class";
  }

  private static String supertypes(Class<?> type) {
    List<String> names = new ArrayList<>();
    if (type.getSuperclass() != null && type.getSuperclass() != Object.class && !type.isEnum()
        && !type.isRecord()) {
      names.add(type.getGenericSuperclass().getTypeName());
    }
    Arrays.stream(type.getGenericInterfaces()).map(java.lang.reflect.Type::getTypeName).forEach(names::add);
    return names.isEmpty() ? "" : " : " + String.join(", ", names);
  }

  private static boolean visible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static String modifiers(int modifiers) {
    String text = Modifier.toString(modifiers & (Modifier.STATIC | Modifier.FINAL | Modifier.ABSTRACT
        | Modifier.PROTECTED));
    return text.isEmpty() ? "" : text + " ";
  }

  private static String parameters(Executable executable) {
    return Arrays.stream(executable.getGenericParameterTypes()).map(java.lang.reflect.Type::getTypeName)
        .collect(Collectors.joining(", ", "(", ")"));
  }
}
