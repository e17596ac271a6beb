/**
 * Datasets on any Hadoop file system ({@code hdfs://}, {@code s3a://}, {@code file://}): the trainer's readers take
 * local directories, so a dataset named by a Hadoop URI is copied once per JVM into a local cache (keyed by the
 * URI and every file's length and modification time) and read from there by the driver and each executor.
 *
 * <p>May import: nothing of the project.
 */
package io.github.abasnn.storage;
