/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.util.Locale;

/** Chooses a probe's body {@link Format} from its request's {@code Accept} header. */
final class Accept {

  private Accept() {}

  /**
   * Chooses the format for an {@code Accept} header: the highest quality wins, a more specific
   * media range wins a tie, then text. A header that matches nothing, or none, gets text.
   */
  static Format negotiate(String accept) {
    if (accept == null || accept.isEmpty()) {
      return Format.TEXT;
    }
    Format best = Format.TEXT;
    float bestQuality = 0;
    int bestSpecificity = -1;
    for (Format format : Format.values()) {
      float quality = 0;
      int specificity = -1;
      for (String range : accept.split(",", 32)) {
        int match = specificity(format.mediaType(), range);
        if (match > specificity) {
          specificity = match;
          quality = quality(range);
        }
      }
      if (specificity >= 0 && quality > 0 && (quality > bestQuality
          || (quality == bestQuality && specificity > bestSpecificity))) {
        best = format;
        bestQuality = quality;
        bestSpecificity = specificity;
      }
    }
    return best;
  }

  /** Returns 2 for an exact match, 1 for {@code type/*}, 0 for {@code *}{@code /*}, -1 for none. */
  private static int specificity(String mediaType, String range) {
    int semicolon = range.indexOf(';');
    String type = (semicolon < 0 ? range : range.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    if (type.equals(mediaType)) {
      return 2;
    }
    if (type.endsWith("/*") && mediaType.startsWith(type.substring(0, type.length() - 1))) {
      return 1;
    }
    return type.equals("*/*") ? 0 : -1;
  }

  private static float quality(String range) {
    for (String parameter : range.split(";")) {
      String trimmed = parameter.trim();
      if (trimmed.startsWith("q=")) {
        try {
          float q = Float.parseFloat(trimmed.substring(2));
          return q >= 0 && q <= 1 ? q : 0;
        } catch (NumberFormatException malformed) {
          return 0;
        }
      }
    }
    return 1;
  }
}
