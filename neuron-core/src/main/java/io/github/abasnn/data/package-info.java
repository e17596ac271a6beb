/**
 * Static image data: IDX (MNIST, Fashion-MNIST), CIFAR binary, image folders; deterministic shuffled
 * batches and augmentation (crop, flip, Cutout, the AutoAugment CIFAR-10 policy). Bad input names the file and offset.
 *
 * <p>May import: nothing of the project.
 */
package io.github.abasnn.data;
