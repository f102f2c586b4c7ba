/** Fixtures shared by every module's tests: one real PostgreSQL per test JVM. */
@NullMarked
package dev.paddock.testsupport;

import org.jspecify.annotations.NullMarked;
