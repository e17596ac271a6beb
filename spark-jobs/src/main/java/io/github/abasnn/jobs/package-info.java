/**
 * The application's entry point and jobs: {@code train}, {@code sweep}, {@code report}, {@code sql},
 * {@code export}.
 *
 * <p>May import: every spark-jobs package and {@code train}.
 */
package io.github.abasnn.jobs;
