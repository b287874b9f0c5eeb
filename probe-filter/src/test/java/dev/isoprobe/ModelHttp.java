/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One probe request as the filter sees it from a servlet container, without the container: the
 * request, its response and its async context, recording what the filter does with them. The
 * model tests drive {@link ProbeFilter} with thousands of these; the real containers are in the
 * server tests. A client that hung up makes every write fail, as a closed connection does.
 */
final class ModelHttp {

  final String path;
  final long arrivalNanos;
  final boolean clientGone;
  /** How many times a status was set: the probe is answered exactly once. */
  final AtomicInteger statuses = new AtomicInteger();
  final AtomicInteger completions = new AtomicInteger();
  final CountDownLatch answered = new CountDownLatch(1);
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();
  private volatile int status;
  private volatile AsyncListener listener;
  private volatile boolean asyncStarted;

  ModelHttp(String path, long arrivalNanos, boolean clientGone) {
    this.path = path;
    this.arrivalNanos = arrivalNanos;
    this.clientGone = clientGone;
  }

  int status() {
    return status;
  }

  synchronized String body() {
    return body.toString(StandardCharsets.UTF_8);
  }

  boolean isAnswered() {
    return answered.getCount() == 0;
  }

  /** Returns if the filter went async and the exchange is not complete: it must be answered. */
  boolean isPending() {
    return asyncStarted && completions.get() == 0;
  }

  HttpServletRequest request() {
    int query = path.indexOf('?');
    String uri = query < 0 ? path : path.substring(0, query);
    String queryString = query < 0 ? null : path.substring(query + 1);
    return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
          case "getRequestURI", "getServletPath" -> uri; // a servlet mapped to "/"
          case "getPathInfo" -> null;
          case "getMethod" -> "GET";
          case "getProtocol" -> "HTTP/1.1";
          case "getQueryString" -> queryString;
          case "getHeader" -> null;
          case "isAsyncSupported" -> true;
          case "startAsync" -> {
            asyncStarted = true;
            yield async();
          }
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  HttpServletResponse response() {
    ServletOutputStream out = new ServletOutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        if (clientGone) {
          throw new IOException("Broken pipe");
        }
        synchronized (ModelHttp.this) {
          body.write(bytes, offset, length);
        }
      }

      @Override
      public boolean isReady() {
        return true;
      }

      @Override
      public void setWriteListener(WriteListener writeListener) {
        throw new UnsupportedOperationException();
      }
    };
    return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
          case "setStatus" -> {
            status = (Integer) args[0];
            statuses.incrementAndGet();
            yield null;
          }
          case "getOutputStream" -> out;
          case "setHeader", "setContentType", "setContentLength" -> null;
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  private AsyncContext async() {
    return (AsyncContext) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {AsyncContext.class}, (proxy, method, args) -> switch (method.getName()) {
          case "setTimeout", "getRequest", "getResponse" -> null;
          case "addListener" -> {
            listener = (AsyncListener) args[0];
            yield null;
          }
          case "complete" -> {
            if (completions.incrementAndGet() == 1) {
              answered.countDown();
              AsyncListener told = listener;
              if (told != null) {
                told.onComplete(new AsyncEvent((AsyncContext) proxy));
              }
            }
            yield null;
          }
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  /** Marks a probe answered on the container thread, without going async. */
  void answeredInline() {
    if (!asyncStarted) {
      answered.countDown();
    }
  }
}
