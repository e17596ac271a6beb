/**
 * The cost model of method.md §5: bit budget, S-ACE, firing rate, NS-ACE, SOPs and energy under a named
 * energy table (Horowitz 45 nm), per layer and per network.
 *
 * <p>May import: nothing of the project.
 */
package io.github.abasnn.cost;
