/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * isoprobe for web applications that declare their filters: {@link dev.isoprobe.servlet.IsoprobeFilter}
 * to name in {@code web.xml}, or {@link dev.isoprobe.servlet.IsoprobeInitializer} to add it by
 * itself, both configured by {@code isoprobe.*} properties and given checks by
 * {@link dev.isoprobe.servlet.CheckProvider}s.
 */
package dev.isoprobe.servlet;
