/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import dev.isoprobe.Probes;
import java.util.function.Consumer;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Asks a context's probe filter for one path, on the calling thread: the request is not
 * async-supported, so the filter answers inline by its deadline. For wiring tests only; the
 * server tests use real servers and clients.
 */
final class MockProbe {

  private MockProbe() {}

  static MockHttpServletResponse get(ApplicationContext context, String path) throws Exception {
    return get(context, path, request -> { });
  }

  /** As {@link #get(ApplicationContext, String)}, with the request adjusted first. */
  static MockHttpServletResponse get(ApplicationContext context, String path,
      Consumer<MockHttpServletRequest> adjust) throws Exception {
    int query = path.indexOf('?');
    String uri = query < 0 ? path : path.substring(0, query);
    MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);
    request.setServletPath(uri); // as the container routes it to a servlet mapped to "/"
    if (query >= 0) {
      request.setQueryString(path.substring(query + 1));
    }
    request.setAsyncSupported(false);
    adjust.accept(request);
    MockHttpServletResponse response = new MockHttpServletResponse();
    context.getBean(Probes.class).filter().doFilter(request, response, new MockFilterChain());
    return response;
  }
}
