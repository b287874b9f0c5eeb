/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The test WARs' switch for {@link HangableDb}: {@code POST /admin/hang}, {@code POST
 * /admin/heal}, {@code GET /admin/entered}, how many runs have started since the last hang, and
 * {@code GET /admin/running}, how many are inside the check now.
 */
public final class AdminServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    switch (String.valueOf(request.getPathInfo())) {
      case "/hang" -> HangableDb.hang();
      case "/heal" -> HangableDb.heal();
      default -> {
        response.sendError(404);
        return;
      }
    }
    response.getWriter().write("ok\n");
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    switch (String.valueOf(request.getPathInfo())) {
      case "/entered" -> response.getWriter().write(HangableDb.entered() + "\n");
      case "/running" -> response.getWriter().write(HangableDb.running() + "\n");
      default -> response.sendError(404);
    }
  }
}
