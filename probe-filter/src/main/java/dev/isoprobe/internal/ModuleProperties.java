/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.internal;

import dev.isoprobe.InvalidSettingException;
import dev.isoprobe.ProbesConfig;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The properties of isoprobe's modules other than the core (the servlet module's
 * {@code isoprobe.register-filter} and {@code isoprobe.check-providers}), declared by the module
 * that reads them and read with the core's settings, as {@link ProbesConfig#load(Map)} reads
 * those: the same sources and precedence, forms of keys and values, refusals and origins. The
 * core accepts another module's key only when that module loads through here; elsewhere, as in
 * {@link ProbesConfig#from(Map)}, it is not a setting of isoprobe. Exported to isoprobe's modules
 * alone, not an API.
 */
public final class ModuleProperties {

  /** What a module's property holds. */
  public enum Kind {
    /** {@code true} or {@code false}, in any case. */
    FLAG,
    /** Comma-separated names; empty by default. */
    NAMES
  }

  /**
   * One property of a module, {@code isoprobe.<name>}, and its default as properties write it.
   * Compared by identity: each is declared once, by the module that reads it.
   */
  public static final class Property {
    private final String name;
    private final Kind kind;
    private final String defaultText;

    private Property(String name, Kind kind, String defaultText) {
      this.name = name;
      this.kind = kind;
      this.defaultText = defaultText;
    }

    /** A property that is {@code false} unless set. */
    public static Property flag(String name) {
      return new Property(name, Kind.FLAG, "false");
    }

    /** A property that lists no names unless set. */
    public static Property names(String name) {
      return new Property(name, Kind.NAMES, "");
    }

    /** Returns its name under {@code isoprobe.}. */
    public String name() {
      return name;
    }

    public Kind kind() {
      return kind;
    }

    public String defaultText() {
      return defaultText;
    }

    @Override
    public String toString() {
      return ProbesConfig.PREFIX + name;
    }
  }

  /** The core's settings and the module's own properties, as one load read them. */
  public interface Loaded {

    /** Returns the core's settings. */
    ProbesConfig probes();

    /** Returns the value of {@code property}, a {@link Kind#FLAG} of this load. */
    boolean flag(Property property);

    /** Returns the names {@code property}, a {@link Kind#NAMES} of this load, lists, in order. */
    List<String> names(Property property);

    /**
     * Returns every setting in effect, the core's and the module's, as properties write them,
     * the token masked: for a startup log line.
     */
    Map<String, String> asMap();

    /**
     * Returns the refusal of {@code value}, one of {@code property}'s, which expected
     * {@code expected}, caused by {@code cause} (null when nothing else failed): named and
     * worded as the core's, saying where it was set.
     */
    InvalidSettingException refusal(Property property, String value, String expected,
        Throwable cause);
  }

  /** How the core reads; it hands it here as it initialises. */
  public interface Reader {
    Loaded load(Map<String, String> overrides, List<Property> properties);
  }

  private static volatile Reader reader;

  private ModuleProperties() {}

  /**
   * Called by the core's {@link ProbesConfig} as it initialises, once. Refused to any other
   * caller: on a class path this package is open to every class, and a reader set first would
   * see every later load's settings, the details token among them.
   */
  public static void reader(Reader coreReader) {
    Class<?> caller = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
        .getCallerClass();
    if (caller != ProbesConfig.class || reader != null) {
      throw new IllegalStateException("the core's reader is set by ProbesConfig, once");
    }
    reader = Objects.requireNonNull(coreReader, "coreReader");
  }

  /**
   * Reads the core's settings and {@code properties}, a module's own, from the sources
   * {@link ProbesConfig#load(Map)} reads, {@code overrides} highest.
   *
   * @throws InvalidSettingException naming the key and where it was set, if a value is bad
   */
  public static Loaded load(Map<String, String> overrides, List<Property> properties) {
    Reader core = reader;
    if (core == null) {
      initialize(ProbesConfig.class); // hands its reader here
      core = reader;
    }
    return core.load(overrides, properties);
  }

  private static void initialize(Class<?> type) {
    try {
      Class.forName(type.getName(), true, type.getClassLoader());
    } catch (ClassNotFoundException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
