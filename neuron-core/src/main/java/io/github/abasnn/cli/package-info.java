/**
 * neuron-core's command line: one picocli entry point ({@code Cli}) with the module's tools as subcommands.
 *
 * <p>May import: {@code train}, {@code intmodel}, {@code bench}, {@code data}, {@code data.events},
 * {@code golden} (it sits above them).
 */
package io.github.abasnn.cli;
